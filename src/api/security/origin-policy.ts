/**
 * Which browser origins may call the API (CORS_ORIGINS). An empty list allows none
 * except the server's own; `*` allows every origin. Requests without an Origin header
 * (servers, CLIs, non-browser WebSocket clients) are not cross-origin and always pass.
 */
export class OriginPolicy {
  private readonly any: boolean;
  private readonly allowed: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.any = origins.includes('*');
    this.allowed = new Set(origins.filter((o) => o !== '*').map((o) => o.replace(/\/$/, '').toLowerCase()));
  }

  /** Whether a request with this Origin (and Host) may proceed. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.any) return true;
    const normalised = origin.toLowerCase();
    if (this.allowed.has(normalised)) return true;
    try {
      return host !== undefined && new URL(normalised).host === host.toLowerCase();
    } catch {
      return false;
    }
  }

  /** The Access-Control-Allow-Origin value for a cross-origin request, or undefined when none is sent. */
  allowOriginHeader(origin: string | undefined): string | undefined {
    if (origin === undefined) return undefined;
    if (this.any) return '*';
    return this.allowed.has(origin.toLowerCase()) ? origin : undefined;
  }
}
