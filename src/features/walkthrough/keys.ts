/** The steps of the "Get started with KServe" walkthrough, by the context key that completes each. */
export const WALKTHROUGH_KEYS = {
  connected: 'kserve.walkthrough.connected',
  servicesShown: 'kserve.walkthrough.servicesShown',
  manifestOpen: 'kserve.walkthrough.manifestOpen',
  applied: 'kserve.walkthrough.applied',
  serviceReady: 'kserve.walkthrough.serviceReady',
  translated: 'kserve.walkthrough.translated',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_KEYS;
