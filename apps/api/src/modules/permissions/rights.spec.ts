import { Permission, allPermissions, omniPermissions } from '@omnichannel/contracts';
import { coversRights, type Rights } from './rights';

const { AdminEmployees, AdminGroups, AdminDepartments, OmniAccess, OmniSettings } = Permission;
const rights = (permissions: Permission[], departmentIds: string[] = []): Rights => ({ permissions, departmentIds });

describe('coversRights (issue #10 point 1)', () => {
  it('a permission the other holds and the holder does not: not covered', () => {
    expect(coversRights(rights([AdminEmployees]), rights([...allPermissions]))).toBe(false);
    expect(coversRights(rights([AdminEmployees]), rights([OmniAccess]))).toBe(false);
    expect(coversRights(rights([AdminEmployees, OmniAccess]), rights([OmniAccess, OmniSettings]))).toBe(false);
  });

  it('the same or fewer permissions in the same or fewer departments: covered', () => {
    expect(coversRights(rights([AdminEmployees]), rights([]))).toBe(true);
    expect(coversRights(rights([AdminEmployees]), rights([AdminEmployees]))).toBe(true);
    expect(coversRights(rights([AdminEmployees, ...omniPermissions], ['x', 'y']), rights([OmniAccess], ['x']))).toBe(true);
  });

  it('department-held rights count in each department: Omni in Y is more than Omni in X', () => {
    expect(coversRights(rights([AdminEmployees, ...omniPermissions], ['x']), rights([OmniAccess], ['y']))).toBe(false);
    expect(coversRights(rights([AdminEmployees, ...omniPermissions], ['x']), rights([OmniAccess], ['x', 'y']))).toBe(false);
    // Departments without a right exercised in them give nothing; nor do the settings, which hold everywhere.
    expect(coversRights(rights([AdminEmployees]), rights([], ['y']))).toBe(true);
    expect(coversRights(rights([AdminEmployees, OmniSettings], ['x']), rights([OmniSettings], ['y']))).toBe(true);
  });

  it('the groups right reaches every permission, the departments right every department', () => {
    expect(coversRights(rights([AdminEmployees, AdminGroups], ['x']), rights([...allPermissions], ['x']))).toBe(true);
    expect(coversRights(rights([AdminEmployees, AdminGroups], ['x']), rights([OmniAccess], ['y']))).toBe(false);
    expect(coversRights(rights([AdminEmployees, AdminDepartments]), rights([], ['y']))).toBe(true);
    expect(coversRights(rights([AdminEmployees, AdminDepartments]), rights([OmniAccess], ['y']))).toBe(false);
    expect(coversRights(rights([AdminEmployees, AdminDepartments, OmniAccess]), rights([OmniAccess], ['y']))).toBe(true);
    expect(coversRights(rights([...allPermissions]), rights([...allPermissions], ['x', 'y']))).toBe(true);
  });
});
