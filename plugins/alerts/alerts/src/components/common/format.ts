/** "3 h 12 min ago", from an ISO time. */
export function since(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  return `${duration(seconds)} ago`;
}

/** A duration in seconds, as people say it. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'no data';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
