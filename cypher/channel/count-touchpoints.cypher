// How many touchpoints happened on a channel (a change that could invalidate them, or a
// deletion, is refused while there are any).
// $name: string — the channel's name
MATCH (t:Touchpoint {channel: $name})
RETURN count(t) AS touchpoints
