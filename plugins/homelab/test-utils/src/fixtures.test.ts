describe('fixtures', () => {
  afterEach(() => jest.resetModules());

  it('names the shared fixtures folder', () => {
    jest.isolateModules(() => {
      const { FIXTURES_DIR } = require('./fixtures');
      expect(FIXTURES_DIR).toMatch(/\/shared\/fixtures$/);
    });
  });

  it('fails in one line when the fixtures are missing', () => {
    jest.doMock('node:fs', () => ({
      ...jest.requireActual('node:fs'),
      existsSync: () => false,
    }));
    let error: Error | undefined;
    jest.isolateModules(() => {
      try {
        require('./fixtures');
      } catch (e) {
        error = e as Error;
      }
    });
    expect(error?.message).toMatch(
      /^fixtures missing: \/.*\/shared\/fixtures \(the tests need \/work\/shared\/fixtures, see README\)$/,
    );
    expect(error?.stack).toBe(error?.message);
  });
});
