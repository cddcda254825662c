export const packageName = '@prload/probe';
