/**
 * Matches request path segments against a route's pattern segments, for both faces: `{name}`
 * captures a segment, `accept` may refuse a captured value (the classic face's subscription GUID),
 * and literal segments match case-insensitively, as Azure's do.
 */
export function matchPath(pattern: readonly string[], segments: readonly string[], accept: (name: string, value: string) => boolean = () => true): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? "";
    const s = segments[i] ?? "";
    if (p.startsWith("{")) {
      const name = p.slice(1, -1);
      if (!accept(name, s)) return undefined;
      params[name] = s;
    } else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}

export class FaceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
