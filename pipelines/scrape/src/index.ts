export * from './run-scrape';
export * from './staging';
