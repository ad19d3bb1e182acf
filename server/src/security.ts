import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import helmet from 'helmet';

/**
 * Helmet with a strict Content-Security-Policy: nothing from any other host. No
 * upgrade-insecure-requests: meeting-room networks are plain HTTP (http://192.168.x.y).
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-HTTP LAN deployments must not be pinned to HTTPS.
    strictTransportSecurity: false,
  });
}

export interface OriginPolicy {
  /** The host of PUBLIC_URL: pages served from there are ours even if a proxy renames Host. */
  publicHost: string | null;
  /** Behind a trusted proxy, X-Forwarded-Host names the host the browser used. */
  trustProxy: boolean | number;
}

/**
 * Socket.IO's CORS option does not cover WebSocket upgrades: a request that names an Origin
 * is accepted only if that origin's host is the host it was sent to (or PUBLIC_URL's).
 */
export function sameOrigin(request: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = [request.headers.host, policy.publicHost];
  if (policy.trustProxy !== false && policy.trustProxy !== 0) {
    const forwarded = request.headers['x-forwarded-host'];
    allowed.push((Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim());
  }
  return allowed.some((host) => host !== undefined && host !== null && host === originHost);
}

/** The host part of PUBLIC_URL, or null if it is not a URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * The client's address as rate limits see it. Behind a trusted proxy (TRUST_PROXY) it is
 * taken from X-Forwarded-For like Express does: `true` trusts every hop (the left-most
 * address), a number trusts that many hops from the right.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
  trustProxy: boolean | number,
): string {
  const remote = remoteAddress ?? 'unknown';
  if (trustProxy === false || trustProxy === 0) return remote;
  const header = headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const chain = [...forwarded, remote];
  if (trustProxy === true) return chain[0] ?? remote;
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? remote;
}
