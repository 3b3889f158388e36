import { hasRole, parseRole, ROLES } from '../../../src/auth';
import { strongestRole } from '../../../src/auth/role';

describe('roles', () => {
  it('orders viewer < analyst < editor < admin, each including the ones before', () => {
    expect(ROLES).toEqual(['viewer', 'analyst', 'editor', 'admin']);
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('editor', 'analyst')).toBe(true);
    expect(hasRole('analyst', 'editor')).toBe(false);
    expect(hasRole('viewer', 'viewer')).toBe(true);
  });

  it('parses role names case-insensitively and nothing else', () => {
    expect(parseRole('Editor')).toBe('editor');
    expect(parseRole('root')).toBeUndefined();
    expect(parseRole(3)).toBeUndefined();
  });

  it('picks the strongest role of a list, ignoring unknown entries', () => {
    expect(strongestRole(['viewer', 'superuser', 'editor', 7])).toBe('editor');
    expect(strongestRole(['nobody'])).toBeUndefined();
  });
});
