import { Entity } from '@backstage/catalog-model';
import ipaddr from 'ipaddr.js';
import { refOf, resolveRef } from './refs';
import { isHardwareEntity, isVlanEntity } from './types';
import { HomelabProblem, parseSubnet } from './validateEntity';

type Owner = { ref: string; label: string };

/**
 * What a homelab's VLANs and devices claim (VLAN ids, subnets, MAC and IP
 * addresses), indexed so that one entity can be checked against all the
 * others in time proportional to its own size. The command (`yarn
 * validate-catalog`) and the running catalog both check with it, so they
 * give the same verdicts: each side of a clash is reported, naming the other.
 * Only entities that passed their own validation belong in it.
 * @public
 */
export class HomelabNeighbours {
  private readonly vlanIds = new Map<number, string[]>();
  private readonly subnets: Array<{
    ref: string;
    cidr: string;
    range: [ipaddr.IPv4, number];
  }> = [];
  private readonly subnetOfVlan = new Map<
    string,
    { cidr: string; range: [ipaddr.IPv4, number] }
  >();
  private readonly vlans = new Set<string>();
  private readonly macs = new Map<string, Owner[]>();
  private readonly addresses = new Map<string, Owner[]>();

  constructor(entities: Entity[]) {
    for (const entity of entities) this.add(entity);
  }

  private add(entity: Entity) {
    const ref = refOf(entity);
    if (isVlanEntity(entity)) {
      const { id, subnet } = entity.spec.vlan;
      this.vlans.add(ref);
      this.vlanIds.set(id, [...(this.vlanIds.get(id) ?? []), ref]);
      const parsed = parseSubnet(subnet);
      if ('range' in parsed) {
        this.subnets.push({ ref, cidr: subnet, range: parsed.range });
        this.subnetOfVlan.set(ref, { cidr: subnet, range: parsed.range });
      }
    }
    if (isHardwareEntity(entity)) {
      for (const nic of entity.spec.hardware.interfaces ?? []) {
        const owner = { ref, label: `${ref} ${nic.name}` };
        const mac = nic.mac.toLocaleLowerCase('en-US');
        this.macs.set(mac, [...(this.macs.get(mac) ?? []), owner]);
        if (nic.address) {
          this.addresses.set(nic.address, [
            ...(this.addresses.get(nic.address) ?? []),
            owner,
          ]);
        }
      }
    }
  }

  /** The refs of the VLANs in the index. */
  vlanRefs(): string[] {
    return [...this.vlans];
  }

  /**
   * The clashes of one entity with the others (entries of the same entity in
   * the index are not "others": the index may hold an older version of it): a VLAN id or an overlapping
   * subnet another VLAN has, a MAC or IP address another device (or another
   * interface of the same one) has, and an address outside its VLAN's subnet.
   */
  check(entity: Entity): HomelabProblem[] {
    const problems: HomelabProblem[] = [];
    const self = refOf(entity);
    if (isVlanEntity(entity)) {
      const { id, subnet } = entity.spec.vlan;
      for (const other of this.vlanIds.get(id) ?? []) {
        if (other !== self) {
          problems.push({
            field: 'spec.vlan.id',
            message: `VLAN id ${id} is already used by ${other}`,
          });
        }
      }
      const parsed = parseSubnet(subnet);
      if ('range' in parsed) {
        for (const other of this.subnets) {
          if (other.ref === self) continue;
          if (
            parsed.range[0].match(other.range) ||
            other.range[0].match(parsed.range)
          ) {
            problems.push({
              field: 'spec.vlan.subnet',
              message: `${subnet} overlaps ${other.cidr} of ${other.ref}`,
            });
          }
        }
      }
    }
    if (isHardwareEntity(entity)) {
      const interfaces = entity.spec.hardware.interfaces ?? [];
      // Within the entity: the index may hold an older version of it, so
      // its own interfaces are compared with each other here, and entries
      // of the same entity in the index are skipped below.
      const firstMac = new Map<string, string>();
      const firstAddress = new Map<string, string>();
      interfaces.forEach((nic, index) => {
        const field = `spec.hardware.interfaces[${index}]`;
        const mac = nic.mac.toLocaleLowerCase('en-US');
        const macUser = firstMac.get(mac);
        if (macUser) {
          problems.push({
            field: `${field}.mac`,
            message: `${nic.mac} is already used by ${self} ${macUser}`,
          });
        } else {
          firstMac.set(mac, nic.name);
        }
        if (nic.address) {
          const addressUser = firstAddress.get(nic.address);
          if (addressUser) {
            problems.push({
              field: `${field}.address`,
              message: `${nic.address} is already used by ${self} ${addressUser}`,
            });
          } else {
            firstAddress.set(nic.address, nic.name);
          }
        }
        for (const other of this.macs.get(mac) ?? []) {
          if (other.ref !== self) {
            problems.push({
              field: `${field}.mac`,
              message: `${nic.mac} is already used by ${other.label}`,
            });
          }
        }
        if (nic.address) {
          for (const other of this.addresses.get(nic.address) ?? []) {
            if (other.ref !== self) {
              problems.push({
                field: `${field}.address`,
                message: `${nic.address} is already used by ${other.label}`,
              });
            }
          }
          const vlanRef = resolveRef(nic.vlan, entity) ?? '';
          const subnet = this.subnetOfVlan.get(vlanRef);
          if (
            subnet &&
            ipaddr.isValid(nic.address) &&
            !ipaddr.IPv4.parse(nic.address).match(subnet.range)
          ) {
            problems.push({
              field: `${field}.address`,
              message: `${nic.address} is outside ${subnet.cidr}, the subnet of ${vlanRef}`,
            });
          }
        }
      });
    }
    return problems;
  }
}
