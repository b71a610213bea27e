/**
 * Ingress templates as the operator parses them (IngressUtils.getIngressUrl: java.net.URL), the
 * blue/green child's "blue-"/"green-" prefix (BlueGreenUtils.prepareFlinkDeployment), and the
 * autoscaler checks that read deprecated keys (KubernetesOperatorConfigOptions.OPERATOR_RECONCILE_INTERVAL).
 */
import { describe, expect, it } from 'vitest';
import { javaUrlError } from '../../src/validation/java-url';
import { ingressUrlError } from '../../src/validation/rules/default-validator';
import { bg, check, fd } from './helpers';

describe('java.net.URL semantics', () => {
  it.each([
    ['{{name}} .{{namespace}}.example.com'], // a space: WHATWG refuses, Java accepts
    ['{{name}}_{{namespace}}.example.com'],
    ['flink^{{name}}.example.com'],
    ['example.com:99999/{{name}}'], // no port range check in Java
    ['example.com:/{{name}}'], // empty port
    ['[::1]:8081/{{name}}'],
    ['example.com/{{namespace}}/{{name}}(/|$)(.*)'],
  ])('accepts %s (as the operator does)', (t) => expect(ingressUrlError(t, 'orders', 'flink')).toBeUndefined());

  it.each([
    ['example.com:port', 'Error at index 0 in: "port"'],
    ['example.com:80a', 'Error at index 2 in: "80a"'],
    ['example.com:-5', 'Invalid port number :-5'],
    ['[::g]/x', 'Invalid host: [::g]'],
    ['[::1', 'Invalid host: [::1'],
    ['[::1]x', 'Invalid authority field: [::1]x'],
  ])('refuses %s with Java\'s message', (t, msg) => expect(ingressUrlError(t, 'orders', 'flink')).toBe(msg));

  it('trims what Java trims and ignores the fragment', () => {
    expect(javaUrlError('  http://a.example.com:80#frag:x  ')).toBeUndefined();
  });
});

describe('blue/green child ingress (prefixed with blue-/green-)', () => {
  it('no template: no FLINK-INGRESS-TEMPLATE (the operator accepts "blue-null"), a warning instead', () => {
    const d = bg();
    d.spec.template.spec.ingress = { className: 'nginx' };
    const rules = check(d).map((f) => `${f.severity} ${f.rule}`);
    expect(rules).toContain('warning BG-CHILD-INGRESS');
    expect(rules).not.toContain('error FLINK-INGRESS-TEMPLATE');
  });

  it('a template with a scheme becomes host "green-http": warned', () => {
    const d = bg();
    d.spec.template.spec.ingress = { template: 'https://{{name}}.example.com' };
    const f = check(d).find((x) => x.rule === 'BG-CHILD-INGRESS');
    expect(f?.message).toContain('whose host is "green-https"');
  });

  it('the URL check runs on the prefixed template', () => {
    const d = bg();
    d.spec.template.spec.ingress = { template: '{{name}}.example.com:abc' };
    const f = check(d).find((x) => x.rule === 'FLINK-INGRESS-URL');
    expect(f?.operatorMessage).toBe('Unable to process the Ingress template(blue-{{name}}.example.com:abc). Error: Error at index 0 in: "abc"');
  });
});

describe("the blue/green resource's own ingress", () => {
  it('is checked with java.net.URL under the resource name', () => {
    const d = bg();
    d.spec.ingress = { template: '{{name}}.example.com:http' };
    const f = check(d).find((x) => x.rule === 'FLINK-INGRESS-URL');
    expect(f?.path).toBe('/spec/ingress/template');
    expect(f?.operatorMessage).toBe('Unable to process the Ingress template({{name}}.example.com:http). Error: Error at index 0 in: "http"');
    d.spec.ingress = { template: '{{name}}.{{namespace}}.example.com' };
    expect(check(d).map((x) => x.rule)).not.toContain('FLINK-INGRESS-URL');
  });
});

describe('autoscaler', () => {
  it('the metrics window is compared with the deprecated reschedule key too', () => {
    const d = fd();
    Object.assign(d.spec.flinkConfiguration, { 'job.autoscaler.enabled': 'true', 'job.autoscaler.metrics.window': '2 min', 'kubernetes.operator.reconciler.reschedule.interval': '5 min' });
    const f = check(d, 'main').find((x) => x.rule === 'FLINK-AUTOSCALER-METRICS-WINDOW');
    expect(f?.message).toContain('reconcile interval (5 min)');
    expect(f?.fix).toContain('kubernetes.operator.reconciler.reschedule.interval');
    d.spec.flinkConfiguration['kubernetes.operator.reconciler.reschedule.interval'] = '1 min';
    expect(check(d, 'main').map((x) => x.rule)).not.toContain('FLINK-AUTOSCALER-METRICS-WINDOW');
  });

  it('excluded periods are checked only with the autoscaler enabled, each bad entry reported, the old key too', () => {
    const d = fd();
    d.spec.flinkConfiguration['kubernetes.operator.job.autoscaler.excluded.periods'] = 'weekends;9:00-10:00 && 11:00-12:00;9:30:30-10:50:20 && * * * ? * 2,5';
    expect(check(d).map((x) => x.rule)).not.toContain('FLINK-AUTOSCALER-EXCLUDED-PERIODS');
    d.spec.flinkConfiguration['job.autoscaler.enabled'] = 'true';
    const f = check(d).filter((x) => x.rule === 'FLINK-AUTOSCALER-EXCLUDED-PERIODS');
    expect(f.map((x) => x.value)).toEqual(['weekends', '9:00-10:00 && 11:00-12:00']);
    expect(f[1].operatorMessage).toMatch(/can not be configured as dailyExpression && dailyExpression/);
  });
});
