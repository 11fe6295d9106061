import { Fragment } from 'react';

/**
 * A host name or path that may wrap after its dots and slashes (never inside
 * a word), so that narrow columns hold `secret/homelab/grafana/admin-api-key`.
 */
export const Breakable = ({ text }: { text: string }) => (
  <>
    {text.split(/(?<=[./])/).map((part, i) => (
      <Fragment key={i}>
        {i > 0 && <wbr />}
        {part}
      </Fragment>
    ))}
  </>
);
