import type { ActivityKind, ActivityView } from '@jinguo/common/activities.schema.ts';
import { Alert, Button, Collapse, Form, Progress } from 'antd';
import { useRef, useState } from 'react';
import { showFieldErrors } from '../../lib/errors.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useCreateActivity } from './activities.api.ts';
import { ActivityCoreFields } from './ActivityCoreFields.tsx';
import { ActivityMoreFields } from './ActivityMoreFields.tsx';
import { titleAfterKindChange, toActivityBody, type ActivityFormValues } from './activity-form.ts';
import { rememberEntry } from './entry-memory.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { useFileUpload } from './use-photo-upload.ts';

type EntryValues = ActivityFormValues & { photos?: File[] };
type Props = {
  initial: Partial<EntryValues>;
  kinds: ActivityKind[];
  canChooseOrg: boolean;
  onSaved: (activity: ActivityView, uploadFailures: string[]) => void;
};

/** the phone's "记一笔": six fields for a typical record, the rest behind "更多" */
export function QuickEntryForm({ initial, kinds, canChooseOrg, onSaved }: Props) {
  const [form] = Form.useForm<EntryValues>();
  const create = useCreateActivity();
  const { uploadAll, progress } = useFileUpload();
  const [problems, setProblems] = useState<string[]>([]);
  const kindCode = Form.useWatch('kindCode', form);
  const orgId = Form.useWatch('orgId', form);
  const previousKind = useRef(initial.kindCode);
  const busy = create.isPending || progress !== null;

  const onValuesChange = (changed: Partial<EntryValues>) => {
    if (!('kindCode' in changed)) return;
    const byCode = (c: string | undefined) => kinds.find((k) => k.code === c);
    form.setFieldValue('title', titleAfterKindChange(form.getFieldValue('title'), byCode(previousKind.current), byCode(changed.kindCode)));
    previousKind.current = changed.kindCode;
  };

  const submit = async (values: EntryValues) => {
    setProblems([]);
    let saved: ActivityView;
    try {
      saved = await create.mutateAsync(toActivityBody(values));
    } catch (err) {
      setProblems(showFieldErrors(form, err));
      return;
    }
    rememberEntry({ kindCode: values.kindCode, place: values.place });
    const failures = values.photos?.length ? await uploadAll(saved.id, 'photo', values.photos) : [];
    onSaved(saved, failures);
  };

  return (
    <Form<EntryValues> form={form} layout="vertical" size="large" initialValues={initial} onValuesChange={onValuesChange} onFinish={submit} className="jg-big-touch" scrollToFirstError>
      {canChooseOrg ? (
        <Form.Item label="组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgPickerField />
        </Form.Item>
      ) : (
        <Form.Item name="orgId" hidden>
          <input />
        </Form.Item>
      )}
      <ActivityCoreFields kinds={kinds} kindCode={kindCode} />
      <Form.Item label="照片（可不传）" name="photos">
        <PhotoPicker />
      </Form.Item>
      <Collapse
        ghost
        style={{ marginBottom: 16 }}
        items={[{ key: 'more', label: '更多（参加人员名单、备注）', forceRender: true, children: <ActivityMoreFields orgId={orgId} /> }]}
      />
      {problems.length ? <Alert type="error" showIcon message={problems.join('；')} style={{ marginBottom: 16 }} role="alert" /> : null}
      {progress ? (
        <div style={{ marginBottom: 12 }} aria-live="polite">
          正在上传照片 {progress.done + 1}/{progress.total}
          <Progress percent={progress.percent} size="small" />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" block loading={busy} style={{ height: 48, fontSize: 17 }}>
        保存
      </Button>
    </Form>
  );
}
