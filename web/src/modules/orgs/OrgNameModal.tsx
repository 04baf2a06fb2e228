import { orgKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { createOrgBody } from '@jinguo/common/orgs.schema.ts';
import { Form, Input, Modal, Select } from 'antd';
import type { z } from 'zod';
import { useFormFeedback } from '../../lib/use-form-feedback.ts';
import { useCreateOrg, useRenameOrg } from './orgs.api.ts';

type CreatableKind = z.infer<typeof createOrgBody>['kind'];
const creatableKinds: CreatableKind[] = ['new_sector', 'women_group', 'online_group', 'group_member'];
type Values = { name: string; kind?: CreatableKind };

type Props =
  | { mode: 'create'; parent: { id: string; name: string }; open: boolean; onClose: () => void; onCreated: (id: string) => void }
  | { mode: 'rename'; org: { id: string; name: string }; open: boolean; onClose: () => void };

/** new child org (new-sector federation, women's group, online group, group member), or a new name */
export function OrgNameModal(props: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateOrg();
  const rename = useRenameOrg();
  const { saved, failed: fail } = useFormFeedback(form);
  const submit = (v: Values) => {
    if (props.mode === 'create') {
      create.mutate(
        { parentId: props.parent.id, name: v.name, kind: v.kind ?? 'women_group' },
        { onSuccess: (org) => saved(() => props.onCreated(org.id), '已新建')(), onError: fail },
      );
    } else {
      rename.mutate({ id: props.org.id, name: v.name }, { onSuccess: saved(props.onClose, '已重命名'), onError: fail });
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.mode === 'create' ? `在“${props.parent.name}”下新建组织` : '重命名'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending || rename.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={props.mode === 'rename' ? { name: props.org.name } : { kind: 'women_group' }}
        onFinish={submit}
      >
        {props.mode === 'create' ? (
          <Form.Item label="组织类型" name="kind" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select options={creatableKinds.map((k) => ({ value: k, label: orgKindLabels[k] }))} />
          </Form.Item>
        ) : null}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={100} placeholder="如：东关村第一妇女小组" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
