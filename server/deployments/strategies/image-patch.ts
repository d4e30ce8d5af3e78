import { z } from 'zod';
import { balancedScaleOut } from '../../fleet/balanced-scale-out';
import { InstanceUserData } from '../../fleet/instance-user-data';
import { failed, step, succeeded } from '../engine/step';
import { defineStrategy, type Strategy } from '../engine/strategy';
import { ownVersionMark } from './own-template-version';
import { group, patchProgress, scaleUpSteps } from './scale-up-patch';

/**
 * A new launch template version launching the patch's image, with the user data (services and their
 * versions) of the version the group launches from; and the size to double to, balanced over the
 * group's zones. Idempotent: the deployment's id is the call's client token.
 */
export const createImageTemplateVersion = step({
  name: 'create-launch-template-version',
  repeatable: true,
  timeoutSeconds: 120,
  needs: z.object({
    templateId: z.string(),
    originalTemplateVersion: z.string(),
    originalPayload: InstanceUserData,
    originalCapacity: z.object({ desiredCapacity: z.number().int() }),
  }),
  gives: z.object({ newTemplateVersion: z.string(), scaleOutTo: z.number().int() }),
  async run(ctx) {
    const patch = ctx.deployment.Patch;
    if (!patch) return failed('an image patch names no image (its record has no Patch)');
    const g = await group(ctx);
    const version = await ctx.fleet.createTemplateVersion(ctx.inputs.templateId, {
      sourceVersion: Number(ctx.inputs.originalTemplateVersion),
      launch: { imageId: patch.ImageId },
      description: `image ${patch.ImageName} by ${ctx.deployment.User} (patch ${patch.PatchID}) ${ownVersionMark(ctx.deploymentId, ctx.inputs.originalTemplateVersion)}`,
      clientToken: ctx.deploymentId,
    });
    const scaleOutTo = balancedScaleOut(
      ctx.inputs.originalCapacity.desiredCapacity,
      g.AvailabilityZones.length,
    );
    return succeeded(
      { newTemplateVersion: String(version), scaleOutTo },
      `launch template version ${version} launches ${patch.ImageName}, with the same services`,
    );
  },
});

/**
 * One group's image patch: scale-up patching onto a launch template version with the new image and the
 * same services. An idle group (no instances) only gets the new version: doubling nothing is nothing.
 */
export const imagePatch: Strategy = defineStrategy(scaleUpSteps(createImageTemplateVersion), patchProgress);
