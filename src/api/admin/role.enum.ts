import { registerEnumType } from 'type-graphql';

/** The roles of src/auth/role.ts as a GraphQL enum; the values are the role names. */
export enum RoleEnum {
  VIEWER = 'viewer',
  ANALYST = 'analyst',
  EDITOR = 'editor',
  ADMIN = 'admin',
}

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a caller may do; each role includes the ones before it.',
  valuesConfig: {
    VIEWER: { description: 'Reads records, relationships and touchpoints.' },
    ANALYST: { description: 'Viewer, plus traversals and analytics.' },
    EDITOR: { description: 'Analyst, plus writes.' },
    ADMIN: { description: 'Editor, plus the metamodel and API keys.' },
  },
});
