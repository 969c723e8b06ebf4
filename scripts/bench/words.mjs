/** Word lists for names and prose; fixed so generated text only depends on the seed. */
export const NOUNS = [
  'ledger', 'invoice', 'payment', 'checkout', 'catalog', 'search', 'profile', 'session', 'billing',
  'shipping', 'inventory', 'pricing', 'review', 'rating', 'cart', 'order', 'refund', 'coupon',
  'identity', 'token', 'audit', 'report', 'metric', 'alert', 'notify', 'email', 'sms', 'push',
  'media', 'image', 'video', 'upload', 'storage', 'archive', 'export', 'import', 'sync', 'queue',
  'scheduler', 'worker', 'gateway', 'proxy', 'router', 'config', 'feature', 'flag', 'experiment',
  'ranking', 'feed', 'timeline', 'message', 'chat', 'ticket', 'support', 'account', 'wallet',
  'loyalty', 'partner', 'vendor', 'tax', 'fraud', 'risk', 'compliance', 'consent', 'geo', 'map',
  'route', 'fleet', 'booking', 'calendar', 'venue', 'artist', 'playlist', 'stream', 'license',
];
export const ADJECTIVES = [
  'fast', 'blue', 'quiet', 'bright', 'core', 'edge', 'smart', 'lean', 'prime', 'swift', 'solid',
  'open', 'clear', 'north', 'south', 'east', 'west', 'green', 'amber', 'silver', 'rapid', 'calm',
];
export const FIRST_NAMES = [
  'ada', 'alan', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'dennis', 'frances', 'edsger',
  'radia', 'tim', 'hedy', 'donald', 'katherine', 'john', 'anita', 'guido', 'sophie', 'brian',
  'joan', 'niklaus', 'lynn', 'bjarne', 'adele', 'james', 'mary', 'yukihiro', 'carol', 'rob',
];
export const LAST_NAMES = [
  'lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'thompson', 'liskov', 'ritchie', 'allen',
  'dijkstra', 'perlman', 'berners', 'lamarr', 'knuth', 'johnson', 'backus', 'borg', 'rossum',
  'wilson', 'kernighan', 'clarke', 'wirth', 'conway', 'stroustrup', 'goldberg', 'gosling', 'shaw',
  'matsumoto', 'shaw', 'pike',
];
export const DEPARTMENTS = [
  'engineering', 'platform', 'commerce', 'growth', 'data', 'security', 'infrastructure', 'mobile',
  'content', 'finance', 'operations', 'research',
];
export const VALID_TAGS = [
  'java', 'go', 'python', 'typescript', 'rust', 'kotlin', 'c++', 'c#', 'lang:go', 'grpc', 'rest',
  'graphql', 'kafka', 'postgres', 'redis', 'tier-1', 'tier-2', 'pci', 'gdpr', 'internal', 'public',
];
export const PROSE = (
  'the service handles requests from clients and stores results in a durable store while ' +
  'keeping latency low under load we measure throughput and errors for every endpoint and ' +
  'alert the owning team when a budget is spent each deployment runs through staging first ' +
  'then rolls out gradually across regions with automatic rollback on failure configuration ' +
  'lives in the repository and changes are reviewed like code the cache is warmed on start ' +
  'so that the first requests do not hit the database directly retries use exponential ' +
  'backoff with jitter to avoid thundering herds consumers should handle duplicate events ' +
  'because delivery is at least once schemas evolve in a backward compatible way and old ' +
  'fields are removed only after every consumer has migrated logs are structured and carry a ' +
  'trace identifier which links them to spans in the tracing system dashboards show the four ' +
  'golden signals for this component and its dependencies on call engineers follow the runbook ' +
  'before escalating secrets are injected at runtime and never committed to the repository'
).split(' ');
