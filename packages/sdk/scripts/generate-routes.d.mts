export function tableOf(router: object): Record<string, unknown>;
export function routesSource(): string;
