import { describe, expect, it } from 'vitest';
import { actionFlags, contract, findAction, kebabCase, routeFlags } from '../src/index.js';

describe('CLI flags derived from the contract', () => {
  it('kebab-cases camelCase and snake_case field names', () => {
    expect(kebabCase('taskId')).toBe('task-id');
    expect(kebabCase('owner_workspace_id')).toBe('owner-workspace-id');
  });

  it('gives ai.video.query a required --task-id', () => {
    const definition = findAction('ai.video.query');
    expect(definition).toBeDefined();
    const taskId = actionFlags(definition as NonNullable<typeof definition>).find(
      (spec) => spec.field === 'taskId',
    );
    expect(taskId).toMatchObject({ flag: 'task-id', kind: 'string', required: true });
  });

  it('keeps workspaceId off the generate flags, as the guide calls it API-only', () => {
    const definition = findAction('ai.video.generate_and_wait');
    const fields = actionFlags(definition as NonNullable<typeof definition>).map((spec) => spec.field);
    expect(fields).not.toContain('workspaceId');
    expect(fields).toEqual(expect.arrayContaining(['prompt', 'scene', 'options', 'timeoutMs']));
  });

  it('reads query flags with their kinds, choices and defaults', () => {
    const { query, body, params } = routeFlags(contract.videos.listTasks);
    expect(body).toBeUndefined();
    expect(params).toBeUndefined();
    const byFlag = Object.fromEntries((query ?? []).map((spec) => [spec.flag, spec]));
    expect(byFlag.limit).toMatchObject({ kind: 'number', defaultValue: 20, required: false });
    expect(byFlag.status?.choices).toEqual(['pending', 'running', 'success', 'failed', 'canceled']);
    expect(byFlag['workspace-id']).toMatchObject({ field: 'workspace_id', kind: 'string' });
  });

  it('reads path parameters and bodies', () => {
    const { params, body } = routeFlags(contract.admin.addCredits);
    expect(params?.map((spec) => spec.flag)).toEqual(['id']);
    expect(body?.find((spec) => spec.flag === 'amount')).toMatchObject({ kind: 'number', required: true });
  });

  it('gives a route without a body no body flags', () => {
    expect(routeFlags(contract.videos.cancelTask).body).toBeUndefined();
  });
});
