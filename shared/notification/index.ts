export * from './codes';
export * from './schema';
export * from './adult-concern';
export * from './child-dates';
export * from './past-dates';
