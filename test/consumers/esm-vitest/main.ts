import { App } from 'cdk8s';
import { synthOrExit } from 'cdk8s-flink-bluegreen';
import { buildApp } from './app.ts';

const app = new App();
buildApp(app);
synthOrExit(app);
