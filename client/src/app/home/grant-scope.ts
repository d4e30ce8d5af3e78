/** Describes a grant dimension for people: "All" or the listed names. */
export function grantScope(scope: readonly string[] | 'all'): string {
  if (scope === 'all') {
    return 'All';
  }
  return scope.length === 0 ? 'None' : scope.join(', ');
}
