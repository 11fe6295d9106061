module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // the real-Prometheus tests assert through expectClose/expectEntity
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*'] },
    ],
  },
});
