import type { VideoGenerationInput } from '@ads/sdk';
import type { ModelInfo, RestTask, SceneId } from '@ads/sdk/console';
import {
  Alert,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { useLiveTask } from '../components/live-task';
import { OptionsForm, type OptionValues } from '../components/options-form';
import { StatusBadge } from '../components/status-badge';
import { TaskVideo } from '../components/task-video';
import { useAction } from '../components/use-action';
import { useLoad } from '../components/use-load';
import { scenes } from '../components/vocabulary';
import { useSession, useSignedIn } from '../session';
import { PageTitle } from './page-title';

type Source = 'url' | 'upload';

/** The options as sent: a list typed with commas loses its empty items. */
const sentOptions = (options: OptionValues): OptionValues =>
  Object.fromEntries(
    Object.entries(options).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.filter(Boolean) : value,
    ]),
  );
const mediaOf: Partial<Record<SceneId, 'image' | 'video'>> = {
  'image-to-video': 'image',
  'video-to-video': 'video',
};

/** Runnable models first (cheapest first), then the ones this gateway has no credentials for. */
export function modelChoices(models: ModelInfo[], scene: SceneId) {
  return models
    .filter((model) => model.scenes.includes(scene) && !model.deprecated)
    .sort(
      (left, right) =>
        Number(right.configured) - Number(left.configured) ||
        (left.credits[scene] ?? 0) - (right.credits[scene] ?? 0) ||
        left.id.localeCompare(right.id),
    );
}

function MediaInput({
  kind,
  source,
  onSource,
  url,
  onUrl,
  file,
  onFile,
}: {
  kind: 'image' | 'video';
  source: Source;
  onSource: (source: Source) => void;
  url: string;
  onUrl: (url: string) => void;
  file: File | null;
  onFile: (file: File | null) => void;
}) {
  const noun = kind === 'image' ? 'Image' : 'Video';
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id={`${kind}-source`}>
        {noun} from
      </Text>
      <SegmentedControl
        aria-labelledby={`${kind}-source`}
        value={source}
        onChange={(value) => onSource(value as Source)}
        data={[
          { value: 'url', label: 'A URL' },
          { value: 'upload', label: 'An upload' },
        ]}
      />
      {source === 'url' ? (
        <TextInput
          label={`${noun} URL`}
          type="url"
          placeholder="https://…"
          value={url}
          onChange={(event) => onUrl(event.currentTarget.value)}
        />
      ) : (
        <FileInput
          label={`${noun} file`}
          placeholder={`Choose a${kind === 'image' ? 'n image' : ' video'}`}
          accept={
            kind === 'image' ? 'image/png,image/jpeg,image/webp' : 'video/mp4,video/webm,video/quicktime'
          }
          value={file}
          onChange={onFile}
          clearable
        />
      )}
    </Stack>
  );
}

export function PlaygroundPage() {
  const { workspaceId } = useSignedIn();
  const { refresh } = useSession();
  const models = useLoad(() => api.models.list(), []);
  const [scene, setScene] = useState<SceneId>('text-to-video');
  const [prompt, setPrompt] = useState('');
  const [modelId, setModelId] = useState('');
  // Each model's own options, kept while another model is looked at.
  const [optionsByModel, setOptionsByModel] = useState<Record<string, OptionValues>>({});
  const [source, setSource] = useState<Source>('url');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [quote, setQuote] = useState<string | undefined>();
  const action = useAction();
  const [created, setCreated] = useState<RestTask | undefined>();
  const task = useLiveTask(created);
  const media = mediaOf[scene];
  const choices = useMemo(() => modelChoices(models.data?.data ?? [], scene), [models.data, scene]);
  const model = choices.find((entry) => entry.id === modelId);
  useEffect(() => {
    const fallback =
      choices.find((entry) => entry.default_for.includes(scene) && entry.configured) ?? choices[0];
    setModelId((current) => (choices.some((entry) => entry.id === current) ? current : (fallback?.id ?? '')));
  }, [choices, scene]);
  const options = optionsByModel[modelId] ?? {};
  const setOptions = (values: OptionValues) =>
    setOptionsByModel((current) => ({ ...current, [modelId]: values }));

  const body = (mediaInput?: string): VideoGenerationInput => ({
    scene,
    model: modelId,
    workspace_id: workspaceId,
    ...(prompt.trim() ? { prompt } : {}),
    ...(media === 'image' && mediaInput ? { image_input: [mediaInput] } : {}),
    ...(media === 'video' && mediaInput ? { video_input: [mediaInput] } : {}),
    ...(Object.keys(options).length ? { options: sentOptions(options) } : {}),
  });
  // The price of exactly this request, as the create would reserve it (an upload is priced as a URL).
  const quoteKey = JSON.stringify([
    scene,
    modelId,
    prompt.trim().length > 0,
    options,
    media && (url || file?.name),
  ]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: quoteKey names everything the body is made of
  useEffect(() => {
    if (!modelId) return;
    const timer = window.setTimeout(() => {
      const input = media
        ? source === 'url'
          ? url
          : file
            ? 'https://example.com/input'
            : undefined
        : undefined;
      api.videos.quote(body(input)).then(
        (answer) =>
          setQuote(
            answer.accepted
              ? `Costs ${answer.credits} credits; the balance is ${answer.balance}.`
              : (answer.refusal?.message ?? `Costs ${answer.credits} credits.`),
          ),
        () => setQuote(undefined),
      );
    }, 300);
    return () => window.clearTimeout(timer);
  }, [quoteKey, source]);

  const generate = () =>
    void action.run(async () => {
      let input: string | undefined;
      if (media) {
        if (source === 'upload') {
          if (!file)
            throw new Error(`Choose a${media === 'image' ? 'n image' : ' video'} file to upload first.`);
          input = (await api.files.upload(file, { workspaceId })).id;
        } else {
          input = url.trim() || undefined;
        }
      }
      setCreated(await api.videos.create(body(input)));
      void refresh();
    });

  return (
    <Stack>
      <PageTitle>Playground</PageTitle>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack>
          <NativeSelect
            label="Scene"
            value={scene}
            onChange={(event) => setScene(event.currentTarget.value as SceneId)}
            data={[...scenes]}
          />
          <Textarea
            label="Prompt"
            placeholder="ocean waves at sunset, slow dolly shot"
            autosize
            minRows={3}
            value={prompt}
            onChange={(event) => setPrompt(event.currentTarget.value)}
          />
          {media && (
            <MediaInput
              kind={media}
              source={source}
              onSource={setSource}
              url={url}
              onUrl={setUrl}
              file={file}
              onFile={setFile}
            />
          )}
          {models.error && (
            <Alert color="red" role="alert">
              Could not load the models: {models.error}
            </Alert>
          )}
          <NativeSelect
            label="Model"
            description="Models this gateway can run come first, with their price for this scene."
            value={modelId}
            onChange={(event) => setModelId(event.currentTarget.value)}
            disabled={!models.data}
            data={choices.map((entry) => ({
              value: entry.id,
              label: `${entry.name} (${entry.id}) — ${entry.configured ? `${entry.credits[scene] ?? '?'} credits` : 'not configured'}`,
              disabled: !entry.configured,
            }))}
          />
          {model && (
            <Paper withBorder p="sm">
              <Title order={2} size="h5" mb="xs">
                Options of {model.name}
              </Title>
              <OptionsForm schema={model.options} values={options} onChange={setOptions} />
            </Paper>
          )}
          {quote && (
            <Text size="sm" role="status" data-testid="quote">
              {quote}
            </Text>
          )}
          <ErrorAlert error={action.error} title="Not generated" />
          <Group>
            <Button onClick={generate} loading={action.busy} disabled={!modelId}>
              Generate
            </Button>
          </Group>
        </Stack>
        <Stack>
          {task ? (
            <>
              <Group justify="space-between">
                <Link to={`/tasks/${task.id}`}>Task {task.id.slice(0, 8)}</Link>
                <StatusBadge status={task.status} />
              </Group>
              <TaskVideo task={task} autoPlay />
              {task.status !== 'success' && task.status !== 'failed' && task.status !== 'canceled' && (
                <Progress value={task.progress ?? 0} aria-label="Generation progress" />
              )}
            </>
          ) : (
            <Text size="sm">Your video appears here, and plays when it is ready.</Text>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
