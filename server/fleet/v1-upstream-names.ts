/**
 * How the original named the NGINX upstream of a service in an environment, kept so that its scripts find
 * the same names here: the upstream `{environment}-{service}` under the key
 * `/{environment}_{environment}-{service}/config`. Here an upstream is a service of a blue/green role,
 * behind its role's load balancer listener.
 */
export function upstreamName(environment: string, service: string): string {
  return `${environment}-${service}`;
}

/** The original's key of an upstream record. */
export function upstreamKey(environment: string, service: string): string {
  return `/${environment}_${upstreamName(environment, service)}/config`;
}

/** The environment a `/{environment}_{upstream}/config` key names, if the name is such a key. */
export function environmentOfUpstreamKey(name: string): string | undefined {
  return /^\/([^_/]+)_[^/]+(?:\/config)?$/.exec(name)?.[1];
}

/**
 * The service names an upstream name may stand for in an environment, most specific first: the key form,
 * `{environment}-{service}`, `/{environment}_{service}`, or the service's own name.
 */
export function serviceCandidates(name: string, environment: string): string[] {
  let rest = name;
  const keyPrefix = `/${environment}_`;
  if (rest.startsWith(keyPrefix)) rest = rest.slice(keyPrefix.length);
  if (rest.endsWith('/config')) rest = rest.slice(0, -'/config'.length);
  const candidates = [];
  if (rest.startsWith(`${environment}-`)) candidates.push(rest.slice(environment.length + 1));
  candidates.push(rest);
  return [...new Set(candidates)];
}
