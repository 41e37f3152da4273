/**
 * The one contract between the renderer and main, by domain: each file
 * declares its types and, once, its methods (signature, channel, argument
 * schema, description) and events (channel, payload schema). Main implements
 * `GlossApi` (main/core/<domain>/), the preload exposes it as `window.gloss`
 * (`GlossBridge`), and the renderer calls it. Electron-free, DOM-free and
 * Node-free, so every side can import it.
 */
export * from './primitives';
export * from './library';
export * from './highlights';
export * from './import';
export * from './export';
export * from './clipboard';
export * from './vault-sync';
export * from './search';
export * from './settings';
export * from './app';
export * from './api';
export * from './bridge';
export { method, event, subscriberName, type MethodSpec, type EventSpec, type ChannelName } from './define';
