/** Help texts, one per command; shown by `--help` and on usage errors. */
export const HELP: Record<string, string> = {
  main: `switchyard — self-hosted LLM gateway

Usage: switchyard <command> [options]

Commands:
  start            Run the gateway (data plane /v1, admin API /admin/v1, /metrics)
  keys create      Create a virtual key (prints the secret once)
  keys list        List virtual keys
  keys revoke ID   Revoke a virtual key
  migrate          Apply store migrations
  config check     Validate a config file and print any errors
  demo             Run the gateway against a built-in provider emulator and send sample traffic

Options:
  -h, --help       Show help (also after any command: switchyard keys create --help)
  -v, --version    Show the version

Environment:
  SWITCHYARD_CONFIG      Config file (default ./switchyard.yaml if present, else built-in defaults)
  SWITCHYARD_DATA_DIR    Embedded store directory (default ./.switchyard)
  SWITCHYARD_MASTER_KEY  Admin API credential; without it the admin API is disabled
  SWITCHYARD_MASTER_KEY_FILE  File holding the admin credential (instead of SWITCHYARD_MASTER_KEY)
  SWITCHYARD_HOST        Listen address (overrides server.host; the container image sets 0.0.0.0)
  DATABASE_URL           PostgreSQL store (not yet available; unset = embedded SQLite)
  PORT                   Listen port (overrides server.port; --port overrides both)
  SWITCHYARD_LOG_LEVEL   debug | info | warn | error (default info)
  SWITCHYARD_LOG_FORMAT  json | pretty (default: pretty on a terminal, json otherwise)

Docs: README.md and docs/ in the repository.`,
  start: `Usage: switchyard start [--config FILE] [--port N] [--production] [--insecure-dev-admin]

Runs the gateway. Without a config file it starts with the documented default config
(OpenAI models, key from OPENAI_API_KEY). The config file is reloaded when it changes;
an invalid new version is rejected and the running one kept. It logs the data directory
(SWITCHYARD_DATA_DIR) it uses. On SIGTERM or SIGINT it stops accepting, lets requests in
flight finish for server.shutdown_grace_ms (default 30 s), ends the rest with an error,
writes every record and exits; a second signal exits at once.

Options:
  -c, --config FILE        Config file (default: SWITCHYARD_CONFIG, then ./switchyard.yaml)
  -p, --port N             Listen port (overrides PORT and server.port)
      --production         Run under Node's permission model: read the app, the config's
                           directory and the secret files it names; write the data
                           directory only (docs/deployment.md)
      --insecure-dev-admin Development only: admin API with NO authentication when
                           SWITCHYARD_MASTER_KEY is unset (loopback binds only)`,
  keys: `Usage: switchyard keys <create|list|revoke> [options]

  keys create --name NAME [--models a,b] [--expires 30d] [--role user|admin]
  keys list [--json]
  keys revoke ID

Works directly on the store in SWITCHYARD_DATA_DIR (default ./.switchyard), and prints which one on
stderr, saying so when there was none and a new, empty store was created. A running gateway on
the same store picks up changes within a second.`,
  'keys create': `Usage: switchyard keys create --name NAME [--models a,b] [--expires 30d] [--role user|admin]

Creates a virtual key and prints its secret ONCE; only a hash is stored.

Options:
  -n, --name NAME      A label for the key (team, app, person)
  -m, --models LIST    Comma-separated public model names the key may use (default: all)
  -e, --expires DUR    Lifetime: 45m, 12h, 30d, 1y (default: never expires)
      --role ROLE      user (default) or admin (admin keys may call the admin API)
      --json           Print the result as JSON`,
  'keys list': `Usage: switchyard keys list [--json]

Lists virtual keys (id, name, prefix, models, status). Secrets are never shown.`,
  'keys revoke': `Usage: switchyard keys revoke ID

Revokes the key with that id (see "switchyard keys list"). Takes effect on the next request.`,
  migrate: `Usage: switchyard migrate

Applies pending store migrations (start does this too). Safe to run repeatedly.`,
  config: `Usage: switchyard config check [--config FILE]

Validates a config file; prints each error with its file, line and path. Exit code 1 on errors.`,
  'config check': `Usage: switchyard config check [--config FILE]

Validates a config file; prints each error with its file, line and path. Exit code 1 on errors.`,
  demo: `Usage: switchyard demo [--port N] [--requests N] [--exit]

Starts a provider emulator and the gateway in front of it (fresh temporary store),
creates a key, sends sample traffic (chat, streaming chat, embeddings, models) and
prints what happened. Keeps running so you can try it with curl, unless --exit.

Options:
  -p, --port N        Gateway port (default 4000)
      --requests N    Sample requests to send (default 6)
      --exit          Stop after the sample traffic`,
};
