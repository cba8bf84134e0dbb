import { liveFetchSuite } from '@imcat/source-testing';
import { source } from './index';

// Serves cleaned_total.json at raw.githubusercontent.com's path on loopback and compares with the offline parse.
liveFetchSuite(source);
