/**
 * The Homelab Portal mark: a house whose walls hold a three-unit rack.
 * Drawn inline (no font or image is fetched: the portal works air-gapped).
 */
export const HomelabMark = ({ color }: { color: string }) => (
  <g fill="none" stroke={color} strokeWidth={8} strokeLinejoin="round">
    <path d="M10 62 L64 14 L118 62" strokeLinecap="round" />
    <rect x="26" y="56" width="76" height="60" rx="4" />
    {[70, 86, 102].map(y => (
      <g key={y}>
        <line x1="38" y1={y} x2="74" y2={y} strokeLinecap="round" />
        <circle cx="88" cy={y} r="3" fill={color} strokeWidth={0} />
      </g>
    ))}
  </g>
);
