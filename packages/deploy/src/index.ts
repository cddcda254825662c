export const packageName = '@prload/deploy';
