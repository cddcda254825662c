export const packageName = '@prload/loadgen';
