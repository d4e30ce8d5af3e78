import type { DeploymentProgress } from '@shared/deployments/deployment';
import type { Logger } from '../../logger';
import type { StepContext } from './step';
import type { Strategy } from './strategy';

/**
 * The fleet as the strategy reads it when the deployment ends, stamped now; undefined when it cannot be
 * read (or was never touched): a failed reading must not keep a deployment from ending.
 */
export async function finalProgress(
  strategy: Strategy,
  ctx: StepContext,
  deploymentId: string,
  logger: Logger,
): Promise<DeploymentProgress | undefined> {
  try {
    const seen = await strategy.progress(ctx);
    return seen && { ...seen, at: new Date().toISOString() };
  } catch (e) {
    logger.warn('final progress not read', {
      deploymentId,
      error: e instanceof Error ? e.message : String(e),
    });
    return undefined;
  }
}
