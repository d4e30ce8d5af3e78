/**
 * The mark a deployment leaves in the description of the launch template version it creates: its id and
 * the version it was made from. A step run again after a crash may find the group launching from that
 * version already (`$Latest`); the mark tells it which version the group launched from before.
 */
export function ownVersionMark(deploymentId: string, sourceVersion: number | string): string {
  return `[${deploymentId} from version ${sourceVersion}]`;
}

/** The version a template version was made from, when this deployment made it (its description's mark). */
export function sourceOfOwnVersion(
  description: string | undefined,
  deploymentId: string,
): string | undefined {
  const found = /\[(\S+) from version (\d+)\]$/.exec(description ?? '');
  return found && found[1] === deploymentId ? found[2] : undefined;
}
