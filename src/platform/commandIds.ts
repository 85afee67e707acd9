/** Every command the extension contributes (package.json `contributes.commands`); a unit test keeps them equal. */
export const COMMAND_IDS = [
  'kserve.showLog',
  'kserve.translateSelection',
  'kserve.runT5Task',
  'kserve.cancelStreaming',
  'kserve.setEndpointToken',
  'kserve.selectTranslationTarget',
  'kserve.testEndpoint',
  'kserve.explorer.refresh',
  'kserve.explorer.selectContext',
  'kserve.explorer.selectNamespaces',
  'kserve.explorer.pickKubeconfig',
  'kserve.explorer.copyValue',
  'kserve.isvc.openManifest',
  'kserve.isvc.editManifest',
  'kserve.isvc.copyUrl',
  'kserve.isvc.useForTranslation',
  'kserve.isvc.testEndpoint',
  'kserve.isvc.delete',
  'kserve.isvc.showEvents',
  'kserve.manifest.dryRun',
  'kserve.manifest.apply',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
