import type { Cloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import type { AutoScalingStore } from './auto-scaling-store';
import { launchZones } from './zone-balance';
import type { GroupInstance, ScalingActivity, ScalingGroup } from './types';

/** How long a group waits after a failed launch before trying again (AWS backs off similarly). */
const LAUNCH_BACKOFF_SECONDS = 10;

/** Launches and terminates a group's instances, through EC2 and ELBv2, writing their activities. */
export class InstanceLifecycle {
  constructor(
    private readonly cloud: Cloud,
    private readonly store: AutoScalingStore,
  ) {}

  /** When the sim time is printed in a Cause. */
  stamp(): string {
    return new Date(this.store.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /**
   * Launches one instance, in the zone with the fewest (or `zones`, in order), trying the next zone when
   * one has no capacity. Returns the instance, or undefined when every zone refused (a Failed activity).
   */
  launch(group: ScalingGroup, cause: string, zones?: readonly string[]): GroupInstance | undefined {
    const tags: Record<string, string> = { 'aws:autoscaling:groupName': group.name };
    for (const t of group.tags) if (t.propagateAtLaunch) tags[t.key] = t.value;
    let lastError = '';
    try {
      const template = this.cloud.ec2.resolveLaunchTemplate({
        id: group.launchTemplate.launchTemplateId,
        version: group.launchTemplate.version,
      });
      for (const availabilityZone of zones ?? launchZones(group.availabilityZones, group.instances)) {
        try {
          const ec2 = this.cloud.ec2.launch({ template, availabilityZone, tags });
          const activity = this.store.startActivity(
            group,
            `Launching a new EC2 instance: ${ec2.instanceId}`,
            cause,
          );
          const instance: GroupInstance = {
            instanceId: ec2.instanceId,
            availabilityZone: ec2.availabilityZone,
            instanceType: ec2.instanceType,
            lifecycleState: 'Pending',
            healthStatus: 'Healthy',
            launchTemplate: template,
            protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
            launchedAt: this.store.now(),
            registeredWith: [],
            activityId: activity.activityId,
          };
          group.instances.push(instance);
          this.cloud.changed();
          return instance;
        } catch (e) {
          if (!(e instanceof AwsError)) throw e;
          lastError = `${e.code}: ${e.message}`;
        }
      }
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      lastError = e.message;
    }
    const failed = this.store.startActivity(
      group,
      'Launching a new EC2 instance.  Status Reason: ' + lastError,
      cause,
      { statusCode: 'Failed', statusMessage: lastError },
    );
    this.announce(group, 'EC2 Instance Launch Unsuccessful', failed.activityId, undefined);
    group.launchBackoffUntil = this.store.now() + LAUNCH_BACKOFF_SECONDS * 1000;
    return undefined;
  }

  /** Brings a booted instance into service, registering it with the group's target groups. */
  enterService(group: ScalingGroup, instance: GroupInstance): void {
    instance.lifecycleState = 'InService';
    instance.inServiceAt = this.store.now();
    if (!this.store.isSuspended(group, 'AddToLoadBalancer')) this.register(group.targetGroupArns, instance);
    this.store.updateActivity(instance.activityId, 'Successful', 100);
    this.announce(group, 'EC2 Instance Launch Successful', instance.activityId, instance);
    instance.activityId = undefined;
    this.cloud.changed();
  }

  /**
   * Puts the event Auto Scaling sends EventBridge when a launch or termination activity ends, in its
   * shape (`detail` with AutoScalingGroupName, EC2InstanceId, ActivityId, StatusCode, Cause, ...).
   */
  private announce(
    group: ScalingGroup,
    detailType: string,
    activityId: string | undefined,
    instance: GroupInstance | undefined,
  ): void {
    const activity = this.store.activities.find((a) => a.activityId === activityId);
    const time = (ms: number | undefined) =>
      ms === undefined ? undefined : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    this.cloud.events.put({
      source: 'aws.autoscaling',
      detailType,
      resources: [
        group.arn,
        ...(instance
          ? [`arn:aws:ec2:${this.cloud.region}:${this.cloud.accountId}:instance/${instance.instanceId}`]
          : []),
      ],
      detail: {
        StatusCode: activity?.statusCode ?? 'Successful',
        AutoScalingGroupName: group.name,
        ActivityId: activityId ?? '',
        Description: activity?.description ?? '',
        Cause: activity?.cause ?? '',
        StartTime: time(activity?.startTime),
        EndTime: time(activity?.endTime ?? this.store.now()),
        ...(instance
          ? {
              EC2InstanceId: instance.instanceId,
              Details: { 'Availability Zone': instance.availabilityZone },
            }
          : {}),
        ...(activity?.statusMessage ? { StatusMessage: activity.statusMessage } : {}),
      },
    });
  }

  register(targetGroupArns: readonly string[], instance: GroupInstance): void {
    const fresh = targetGroupArns.filter((arn) => !instance.registeredWith.includes(arn));
    for (const arn of fresh) this.cloud.elb.register(arn, [instance.instanceId]);
    instance.registeredWith.push(...fresh);
  }

  deregister(targetGroupArns: readonly string[], instance: GroupInstance): void {
    for (const arn of targetGroupArns.filter((a) => instance.registeredWith.includes(a)))
      this.cloud.elb.deregister(arn, [instance.instanceId]);
  }

  /**
   * Starts taking an instance out: deregistered from its target groups now, terminated in EC2 once they
   * no longer report it draining (see `advanceTermination`).
   */
  startTermination(group: ScalingGroup, instance: GroupInstance, cause: string): ScalingActivity {
    const activity = this.store.startActivity(
      group,
      `Terminating EC2 instance: ${instance.instanceId}`,
      cause,
    );
    if (instance.activityId) this.store.updateActivity(instance.activityId, 'Cancelled', 100);
    instance.activityId = activity.activityId;
    instance.lifecycleState = 'Terminating';
    this.deregister(group.targetGroupArns, instance);
    instance.step = 'draining';
    if (instance.registeredWith.length)
      this.store.updateActivity(activity.activityId, 'WaitingForELBConnectionDraining', 50);
    this.advanceTermination(group, instance);
    return activity;
  }

  /** Moves a terminating instance on; true once it is gone (and removed from the group). */
  advanceTermination(group: ScalingGroup, instance: GroupInstance): boolean {
    if (instance.step === 'draining') {
      if (
        instance.registeredWith.some((arn) => this.cloud.elb.health(arn, instance.instanceId) === 'draining')
      )
        return false;
      instance.registeredWith = [];
      const state = this.cloud.ec2.instance(instance.instanceId)?.state;
      if (state && state !== 'terminated' && state !== 'shutting-down')
        this.cloud.ec2.terminate(instance.instanceId);
      instance.step = 'terminating';
      this.store.updateActivity(instance.activityId, 'InProgress', 75);
    }
    const state = this.cloud.ec2.instance(instance.instanceId)?.state;
    if (state !== undefined && state !== 'terminated') return false;
    this.store.updateActivity(instance.activityId, 'Successful', 100);
    group.instances = group.instances.filter((i) => i !== instance);
    this.announce(group, 'EC2 Instance Terminate Successful', instance.activityId, instance);
    this.cloud.changed();
    return true;
  }
}
