export const packageName = '@prload/cluster';
