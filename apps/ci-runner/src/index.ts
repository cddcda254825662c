export const packageName = '@prload/ci-runner';
