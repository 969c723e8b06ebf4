import Fastify from 'fastify';
import { telemetry } from '@foyer/telemetry';

const app = Fastify({ logger: true });
await app.register(telemetry, { service: '${{ values.name }}' });

app.get('/healthz', async () => ({ ok: true, service: '${{ values.name }}' }));
{%- if values.database == "postgres" %}

// DATABASE_URL is set by the platform's Helm chart from the managed PostgreSQL instance.
export const databaseUrl = process.env.DATABASE_URL;
export const databaseName = '${{ values.databaseName }}';
{%- endif %}

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 8080) });
