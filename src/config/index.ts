export type { ConfigError, ConfigResult } from './config-error.ts';
export type {
  BreakerConfig,
  Config,
  DataPolicy,
  HealthCheckConfig,
  HedgePolicy,
  ModelConfig,
  ModelTarget,
  PriceOverride,
  PricingConfig,
  ProviderConfig,
  ProviderType,
  RetryPolicy,
  RouteStrategy,
  RoutingConfig,
  ServerConfig,
  TargetPrice,
  UpstreamTimeouts,
} from './types.ts';
export { parseConfigText } from './parse-config-text.ts';
export type { ParseConfigOptions } from './parse-config-text.ts';
export { loadConfigFile } from './load-config-file.ts';
export { defaultConfig, defaultConfigResult, DEFAULT_CONFIG_TEXT } from './default-config.ts';
export { resolveConfigPath, CONFIG_FILE_NAME } from './resolve-config-path.ts';
export { resolveListenPort } from './resolve-listen-port.ts';
export type { ListenPortResult } from './resolve-listen-port.ts';
export { formatConfigErrors, formatConfigErrorLine } from './format-config-errors.ts';
export { watchConfigFile } from './watch-config-file.ts';
export type { ConfigWatcher, ConfigWatchHandlers, ConfigWatchOptions } from './watch-config-file.ts';
