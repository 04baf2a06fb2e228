import { Form, Input } from 'antd';
import { PersonMultiSelect } from '../people/PersonMultiSelect.tsx';

export function ActivityMoreFields({ orgId }: { orgId: string | undefined }) {
  return (
    <>
      <Form.Item label="参加人员（按姓名）" name="participantIds" extra="可不填；填写后可用于执委履职统计。">
        <PersonMultiSelect orgId={orgId} />
      </Form.Item>
      <Form.Item label="备注" name="notes" rules={[{ max: 2000, message: '备注不能超过 2000 个字' }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}
