export const packageName = '@prload/report';
