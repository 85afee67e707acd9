/** KServe's API group: every KServe kind lives in it. */
export const KSERVE_GROUP = 'serving.kserve.io';
