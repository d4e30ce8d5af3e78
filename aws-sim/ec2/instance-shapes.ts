import type { Cloud } from '../cloud';
import type { InstanceRecord } from '../instances/instance-record';
import { STATE_CODES } from '../instances/instance-record';
import type { XmlValue } from '../protocol/xml';
import { tagSetXml } from './ec2-tags';

/** An `instanceState` element (code and name). */
export function instanceStateXml(state: InstanceRecord['instance']['state']): XmlValue {
  return { code: STATE_CODES[state], name: state };
}

/** A `reservationSet` item holding one instance, as DescribeInstances writes it. */
export function reservationXml(r: InstanceRecord, cloud: Cloud): XmlValue {
  const i = r.instance;
  const dnsName = `ip-${i.privateIpAddress.replace(/\./g, '-')}.${cloud.region}.compute.internal`;
  return {
    reservationId: r.reservationId,
    ownerId: cloud.accountId,
    groupSet: [],
    instancesSet: [
      {
        instanceId: i.instanceId,
        imageId: i.imageId,
        instanceState: instanceStateXml(i.state),
        privateDnsName: i.state === 'terminated' ? '' : dnsName,
        dnsName: '',
        reason: r.stateTransitionReason ?? '',
        amiLaunchIndex: 0,
        productCodes: [],
        instanceType: i.instanceType,
        launchTime: i.launchTime,
        placement: { availabilityZone: i.availabilityZone, groupName: '', tenancy: 'default' },
        monitoring: { state: 'disabled' },
        privateIpAddress: i.state === 'terminated' ? undefined : i.privateIpAddress,
        stateReason: r.stateReason,
        architecture: 'x86_64',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        virtualizationType: 'hvm',
        hypervisor: 'xen',
        tagSet: Object.keys(i.tags).length ? tagSetXml(i.tags) : undefined,
      },
    ],
  };
}
