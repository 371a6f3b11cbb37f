export * from './decision';
export * from './identity';
export * from './matching';
export * from './record';
export * from './status';
export * from './retention';
export * from './size';
export * from './upgrade';
