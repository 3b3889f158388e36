// Changes a touchpoint's attributes and bumps its version (links: touchpoint/unlink + link-many).
// $id: string
// $changes: map — attributes and custom properties to set; a null value removes the property
// $occurredAt: string — the (possibly unchanged) ISO-8601 instant
// $actor: string, $now: string
MATCH (t:Touchpoint {id: $id})
SET t += $changes, t.occurredAt = datetime($occurredAt), t.version = t.version + 1,
  t.updatedAt = datetime($now), t.updatedBy = $actor
RETURN t.id AS id
