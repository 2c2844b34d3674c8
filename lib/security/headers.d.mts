/** Types of headers.mjs (plain JavaScript so that next.config.mjs can import it). */
export interface HeaderKV {
  key: string;
  value: string;
}
export interface HeaderRule {
  source: string;
  headers: HeaderKV[];
}
export const EMBED_PREFIX: string;
export const LOADER_PATH: string;
export const LOADER_HEADERS: readonly HeaderKV[];
export const WEBCAM_EMBEDS: readonly string[];
export const WEBCAM_SITE_PREFIXES: readonly string[];
export const SITE_SECTIONS: readonly string[];
export const ISOLATION_HEADERS: readonly HeaderKV[];
export const COMMON_HEADERS: readonly HeaderKV[];
export function cspDirectives(options: { embed: boolean; dev?: boolean }): Record<string, string[]>;
export function contentSecurityPolicy(options: { embed: boolean; dev?: boolean }): string;
export function permissionsPolicy(camera: boolean): string;
export function pageHeaders(options: { embed: boolean; camera: boolean; dev?: boolean }): HeaderKV[];
export function headersForPath(pathname: string): HeaderKV[];
export function nextHeaderRules(options?: { dev?: boolean }): HeaderRule[];
export function nginxConfig(): string;
export function htaccess(): string;
export function headersFile(embedIds: readonly string[]): string;
