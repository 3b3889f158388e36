import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the query may ask, below the current field and then the fields named by `path`,
 * for any of `fields` (field names; aliases do not matter). Fragments are followed;
 * `@skip`/`@include` are not evaluated, so a skipped field still counts: the answer may
 * cost a load it did not need, never miss one it did.
 */
export function selectsAny(info: GraphQLResolveInfo, path: readonly string[], fields: ReadonlySet<string>): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = sets.flatMap((set) => fieldsOf(set, info).flatMap((f) => (f.name === name && f.selectionSet ? [f.selectionSet] : [])));
  return sets.some((set) => fieldsOf(set, info).some((f) => fields.has(f.name)));
}

/** The fields of a selection set, fragments spread in place. */
function fieldsOf(set: SelectionSetNode, info: GraphQLResolveInfo, seen = new Set<string>()): { name: string; selectionSet: SelectionSetNode | undefined }[] {
  const out: { name: string; selectionSet: SelectionSetNode | undefined }[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push({ name: selection.name.value, selectionSet: selection.selectionSet });
    else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(selection.selectionSet, info, seen));
    else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      if (fragment && !seen.has(name)) {
        seen.add(name);
        out.push(...fieldsOf(fragment.selectionSet, info, seen));
      }
    }
  }
  return out;
}
