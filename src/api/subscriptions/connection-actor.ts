/** What an actor name may look like (placeholder rule until tokens arrive). */
const ACTOR = /^[\w.@:-]{1,128}$/;

/**
 * Who is acting on a WebSocket or SSE connection. PLACEHOLDER until the security work
 * brings tokens: takes `connectionParams.actor` when it is a plain name, else
 * 'anonymous'. Never trust it for authorization as it stands.
 */
export function actorFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined | null): string {
  const actor = params?.actor;
  return typeof actor === 'string' && ACTOR.test(actor) ? actor : 'anonymous';
}
