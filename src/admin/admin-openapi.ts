const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const keyIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The admin API's OpenAPI 3.1 document, served at `/admin/v1/openapi.json`. */
export const ADMIN_OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Switchyard admin API', version: '1' },
  servers: [{ url: '/admin/v1' }],
  security: [{ bearer: [] }],
  paths: {
    '/keys': {
      get: { summary: 'List virtual keys (never their secrets)', responses: { 200: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Key' } } } }), 401: errorResponse('Not authorized') } },
      post: {
        summary: 'Create a virtual key; the secret is in the response once and never again',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewKey' } } } },
        responses: { 201: json({ allOf: [{ $ref: '#/components/schemas/Key' }, { type: 'object', properties: { key: { type: 'string' } } }] }, 'Created'), 400: errorResponse('Invalid input'), 401: errorResponse('Not authorized') },
      },
    },
    '/keys/{id}': {
      parameters: [keyIdParam],
      get: { summary: 'Get one virtual key', responses: { 200: json({ $ref: '#/components/schemas/Key' }), 404: errorResponse('No such key') } },
      delete: { summary: 'Revoke a virtual key (effective on the next request)', responses: { 200: json({ $ref: '#/components/schemas/Key' }), 404: errorResponse('No such key') } },
    },
    '/requests': {
      get: {
        summary: 'Recent request records, newest first',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 100 } },
          { name: 'key_id', in: 'query', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
          { name: 'since', in: 'query', description: 'ISO 8601 date or date-time', schema: { type: 'string', format: 'date-time' } },
          { name: 'client_request_id', in: 'query', description: 'Only records whose caller sent this x-client-request-id (or x-request-id)', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' } },
        ],
        responses: {
          200: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/RequestRecord' } } } }),
          400: errorResponse('A bad or unknown query parameter (the error names it)'),
        },
      },
    },
    '/targets': {
      get: {
        summary: 'Every configured target (provider/model) with its circuit breaker, latency and error rate; wildcard-route targets once requests created them',
        responses: { 200: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Target' } } } }), 401: errorResponse('Not authorized') },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'SWITCHYARD_MASTER_KEY or an admin-role virtual key' } },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'object', properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: 'string' } } } } },
      NewKey: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', maxLength: 100 },
          models: { type: 'array', items: { type: 'string' }, description: 'Allowed public model names; omit for all' },
          expires_in: { type: 'string', examples: ['30d', '12h'] },
          expires_at: { type: 'string', format: 'date-time' },
          role: { type: 'string', enum: ['user', 'admin'], default: 'user' },
        },
      },
      Key: {
        type: 'object',
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string' }, role: { type: 'string', enum: ['user', 'admin'] },
          models: { type: ['array', 'null'], items: { type: 'string' } },
          created_at: { type: 'string', format: 'date-time' }, expires_at: { type: ['string', 'null'], format: 'date-time' },
          revoked_at: { type: ['string', 'null'], format: 'date-time' }, status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
        },
      },
      Target: {
        type: 'object',
        properties: {
          key: { type: 'string', description: 'provider/model' }, provider: { type: 'string' }, model: { type: 'string', description: 'Upstream model name' },
          routes: { type: 'array', items: { type: 'string' }, description: 'Public model names routed to this target' },
          breaker: { type: 'string', enum: ['closed', 'open', 'half_open'] },
          probe_at: { type: ['string', 'null'], format: 'date-time', description: 'When an open breaker lets the next probe through' },
          in_flight: { type: 'integer' },
          ttft_ms_avg: { type: ['number', 'null'] }, latency_ms_avg: { type: ['number', 'null'] }, p95_ttft_ms: { type: ['number', 'null'] },
          throughput_tokens_per_s: { type: ['number', 'null'] },
          window_attempts: { type: 'integer' }, window_failures: { type: 'integer' }, error_rate: { type: ['number', 'null'] },
          consecutive_failures: { type: 'integer' },
        },
      },
      RequestRecord: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'UUIDv7, the response x-request-id' }, client_request_id: { type: ['string', 'null'] }, started_at: { type: 'string', format: 'date-time' }, key_id: { type: ['string', 'null'] }, endpoint: { type: 'string' },
          requested_model: { type: ['string', 'null'] }, provider: { type: ['string', 'null'] }, upstream_model: { type: ['string', 'null'] },
          stream: { type: 'boolean' }, status: { type: 'integer' }, error_class: { type: ['string', 'null'] }, error_message: { type: ['string', 'null'] },
          latency_ms: { type: 'number' }, ttft_ms: { type: ['number', 'null'] }, usage: { type: 'object' },
          usage_source: { type: 'string', enum: ['reported', 'estimated', 'none'] }, usage_invalid: { type: ['string', 'null'] }, cost_micros: { type: ['integer', 'null'] },
          cost_usd: { type: ['string', 'null'] }, attempts: { type: 'integer' },
          attempt_log: {
            type: 'array',
            description: 'Every upstream attempt in start order (retries, failovers, hedges); empty when none was made',
            items: {
              type: 'object',
              properties: {
                provider: { type: 'string' }, model: { type: 'string' }, outcome: { type: 'string', description: '`ok`, `cancelled` or an error class' },
                upstream_status: { type: ['integer', 'null'] }, start_ms: { type: 'integer', description: 'From the request\'s arrival' },
                latency_ms: { type: 'integer' }, hedge: { type: 'boolean' }, cost_usd: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    },
  },
} as const;
