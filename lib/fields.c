/* fields.c - canonical field names and the header synonyms that map onto them. */
#include <string.h>

#include "crm.h"

static const char *const names[CRM_F_COUNT] = {
#define CRM_FIELD(id, name) name,
#include "fields.def"
#undef CRM_FIELD
};

/* Synonyms, written already normalised (see normalise()): ASCII lower case,
 * no spaces, '_', '-', '.', '/'; full-width forms folded.  The canonical
 * names themselves match without being listed.  crm(7) lists them. */
static const struct {
	const char *syn;
	enum crm_field f;
} synonyms[] = {
	{ "customer", CRM_F_CUSTOMER_ID }, { "custid", CRM_F_CUSTOMER_ID },
	{ "客户编号", CRM_F_CUSTOMER_ID }, { "客户id", CRM_F_CUSTOMER_ID },
	{ "客户代码", CRM_F_CUSTOMER_ID }, { "客户编码", CRM_F_CUSTOMER_ID },
	{ "customername", CRM_F_NAME },
	{ "客户名称", CRM_F_NAME }, { "客户名", CRM_F_NAME },
	{ "名称", CRM_F_NAME }, { "姓名", CRM_F_NAME },
	{ "区域", CRM_F_REGION }, { "所属区域", CRM_F_REGION },
	{ "大区", CRM_F_REGION }, { "片区", CRM_F_REGION },
	{ "地区", CRM_F_REGION },
	{ "rep", CRM_F_REP_ID }, { "salesrep", CRM_F_REP_ID },
	{ "owner", CRM_F_REP_ID }, { "ownerid", CRM_F_REP_ID },
	{ "负责人", CRM_F_REP_ID }, { "销售代表", CRM_F_REP_ID },
	{ "业务员", CRM_F_REP_ID }, { "销售编号", CRM_F_REP_ID },
	{ "level", CRM_F_TIER }, { "客户等级", CRM_F_TIER },
	{ "等级", CRM_F_TIER },
	{ "客户状态", CRM_F_STATUS }, { "跟进阶段", CRM_F_STATUS },
	{ "客户今日状态", CRM_F_STATUS }, { "状态", CRM_F_STATUS },
	{ "created", CRM_F_CREATED_AT }, { "创建时间", CRM_F_CREATED_AT },
	{ "建档日期", CRM_F_CREATED_AT },
	{ "updated", CRM_F_UPDATED_AT }, { "lastupdated", CRM_F_UPDATED_AT },
	{ "lastmodified", CRM_F_UPDATED_AT },
	{ "最后跟进时间", CRM_F_UPDATED_AT }, { "最近跟进时间", CRM_F_UPDATED_AT },
	{ "最后修改时间", CRM_F_UPDATED_AT }, { "更新时间", CRM_F_UPDATED_AT },
	{ "合同到期日", CRM_F_CONTRACT_END }, { "合同到期", CRM_F_CONTRACT_END },
	{ "下次跟进关键动作", CRM_F_NEXT_ACTION }, { "下次跟进动作", CRM_F_NEXT_ACTION },
	{ "下次跟进时间", CRM_F_NEXT_ACTION_DUE },
	{ "阻力源", CRM_F_BLOCKER }, { "阻力源标记", CRM_F_BLOCKER },
	{ "阻力截止", CRM_F_BLOCKER_UNTIL },
	{ "活动编号", CRM_F_ACTIVITY_ID }, { "活动id", CRM_F_ACTIVITY_ID },
	{ "timestamp", CRM_F_TS }, { "time", CRM_F_TS },
	{ "datetime", CRM_F_TS }, { "occurredat", CRM_F_TS },
	{ "跟进时间", CRM_F_TS }, { "活动时间", CRM_F_TS },
	{ "发生时间", CRM_F_TS },
	{ "activitytype", CRM_F_TYPE }, { "活动类型", CRM_F_TYPE },
	{ "动作类型", CRM_F_TYPE }, { "跟进方式", CRM_F_TYPE },
	{ "类型", CRM_F_TYPE },
	{ "reference", CRM_F_REF }, { "orderid", CRM_F_REF },
	{ "单号", CRM_F_REF }, { "订单号", CRM_F_REF }, { "关联单号", CRM_F_REF },
	{ "证据", CRM_F_EVIDENCE }, { "凭证", CRM_F_EVIDENCE },
	{ "竞品", CRM_F_COMPETITOR }, { "竞争对手", CRM_F_COMPETITOR },
	{ "notes", CRM_F_NOTE }, { "remark", CRM_F_NOTE },
	{ "comment", CRM_F_NOTE }, { "备注", CRM_F_NOTE }, { "说明", CRM_F_NOTE },
	{ "recorded", CRM_F_RECORDED_AT }, { "录入时间", CRM_F_RECORDED_AT },
	{ "manager", CRM_F_MANAGER_ID }, { "上级", CRM_F_MANAGER_ID },
	{ "直属上级", CRM_F_MANAGER_ID }, { "上级编号", CRM_F_MANAGER_ID },
	{ "角色", CRM_F_ROLE }, { "职位", CRM_F_ROLE },
	{ "任务编号", CRM_F_TASK_ID }, { "任务id", CRM_F_TASK_ID },
	{ "assignee", CRM_F_ASSIGNEE_ID }, { "执行人", CRM_F_ASSIGNEE_ID },
	{ "指派给", CRM_F_ASSIGNEE_ID },
	{ "交付物", CRM_F_DELIVERABLE }, { "验收标准", CRM_F_ACCEPTANCE },
	{ "duedate", CRM_F_DUE }, { "截止时间", CRM_F_DUE },
	{ "截止日期", CRM_F_DUE }, { "done", CRM_F_DONE_AT },
	{ "completedat", CRM_F_DONE_AT }, { "完成时间", CRM_F_DONE_AT },
	{ "催办次数", CRM_F_REMINDERS }, { "提醒次数", CRM_F_REMINDERS },
	{ "日期", CRM_F_DATE }, { "发生日期", CRM_F_DATE },
	{ "记账日期", CRM_F_DATE },
	{ "费用类型", CRM_F_KIND }, { "类别", CRM_F_KIND },
	{ "金额", CRM_F_AMOUNT }, { "费用", CRM_F_AMOUNT },
	{ "子类", CRM_F_SUB_KIND }, { "子类型", CRM_F_SUB_KIND },
	{ "政策编号", CRM_F_POLICY_ID }, { "发布时间", CRM_F_PUBLISHED_AT },
	{ "接收时间", CRM_F_RECEIVED_AT }, { "签收时间", CRM_F_RECEIVED_AT },
	{ "解读", CRM_F_INTERPRETATION }, { "执行口径", CRM_F_INTERPRETATION },
	{ "决策编号", CRM_F_DECISION_ID }, { "决策时间", CRM_F_MADE_AT },
	{ "决策人", CRM_F_MAKER_ID }, { "决策依据", CRM_F_BASIS },
	{ "依据", CRM_F_BASIS },
	{ "location", CRM_F_LOCATION_ID }, { "store", CRM_F_LOCATION_ID },
	{ "storeid", CRM_F_LOCATION_ID }, { "warehouse", CRM_F_LOCATION_ID },
	{ "warehouseid", CRM_F_LOCATION_ID }, { "门店编号", CRM_F_LOCATION_ID },
	{ "门店编码", CRM_F_LOCATION_ID }, { "门店代码", CRM_F_LOCATION_ID },
	{ "门店id", CRM_F_LOCATION_ID }, { "门店", CRM_F_LOCATION_ID },
	{ "仓库编号", CRM_F_LOCATION_ID }, { "仓库编码", CRM_F_LOCATION_ID },
	{ "仓库", CRM_F_LOCATION_ID }, { "库存地点", CRM_F_LOCATION_ID },
	{ "网点编号", CRM_F_LOCATION_ID },
	{ "skuid", CRM_F_SKU }, { "itemcode", CRM_F_SKU },
	{ "productid", CRM_F_SKU }, { "productcode", CRM_F_SKU },
	{ "商品编码", CRM_F_SKU }, { "商品编号", CRM_F_SKU },
	{ "药品编码", CRM_F_SKU }, { "产品编码", CRM_F_SKU },
	{ "存货编码", CRM_F_SKU }, { "货号", CRM_F_SKU }, { "品号", CRM_F_SKU },
	{ "lot", CRM_F_BATCH }, { "lotno", CRM_F_BATCH },
	{ "batchno", CRM_F_BATCH }, { "批号", CRM_F_BATCH },
	{ "批次", CRM_F_BATCH }, { "批次号", CRM_F_BATCH },
	{ "生产批号", CRM_F_BATCH },
	{ "quantity", CRM_F_QTY }, { "数量", CRM_F_QTY },
	{ "库存数量", CRM_F_QTY }, { "库存", CRM_F_QTY },
	{ "结存数量", CRM_F_QTY }, { "现存量", CRM_F_QTY },
	{ "销售数量", CRM_F_QTY },
	{ "expires", CRM_F_EXPIRY }, { "expirydate", CRM_F_EXPIRY },
	{ "expirationdate", CRM_F_EXPIRY }, { "bestbefore", CRM_F_EXPIRY },
	{ "有效期", CRM_F_EXPIRY }, { "有效期至", CRM_F_EXPIRY },
	{ "效期", CRM_F_EXPIRY }, { "失效日期", CRM_F_EXPIRY },
	{ "snapshotat", CRM_F_AS_OF }, { "countedat", CRM_F_AS_OF },
	{ "盘点时间", CRM_F_AS_OF }, { "盘点日期", CRM_F_AS_OF },
	{ "快照时间", CRM_F_AS_OF }, { "库存日期", CRM_F_AS_OF },
	{ "统计时间", CRM_F_AS_OF },
	{ "unitprice", CRM_F_PRICE }, { "单价", CRM_F_PRICE },
	{ "零售价", CRM_F_PRICE }, { "售价", CRM_F_PRICE },
	{ "成本价", CRM_F_PRICE },
	{ "receipt", CRM_F_SALE_ID }, { "receiptno", CRM_F_SALE_ID },
	{ "saleno", CRM_F_SALE_ID }, { "销售单号", CRM_F_SALE_ID },
	{ "零售单号", CRM_F_SALE_ID }, { "小票号", CRM_F_SALE_ID },
	{ "流水号", CRM_F_SALE_ID },
	{ "销售时间", CRM_F_TS }, { "销售日期", CRM_F_TS },
	{ "销售金额", CRM_F_AMOUNT }, { "实收金额", CRM_F_AMOUNT },
	{ "member", CRM_F_MEMBER_ID }, { "memberno", CRM_F_MEMBER_ID },
	{ "cardno", CRM_F_MEMBER_ID }, { "会员编号", CRM_F_MEMBER_ID },
	{ "会员卡号", CRM_F_MEMBER_ID }, { "会员号", CRM_F_MEMBER_ID },
	{ "会员id", CRM_F_MEMBER_ID },
	{ "会员姓名", CRM_F_NAME },
	{ "joinedat", CRM_F_JOINED }, { "joindate", CRM_F_JOINED },
	{ "入会时间", CRM_F_JOINED }, { "入会日期", CRM_F_JOINED },
	{ "注册时间", CRM_F_JOINED }, { "开卡日期", CRM_F_JOINED },
	{ "shipment", CRM_F_SHIPMENT_ID }, { "发货单号", CRM_F_SHIPMENT_ID },
	{ "发货编号", CRM_F_SHIPMENT_ID }, { "出库单号", CRM_F_SHIPMENT_ID },
	{ "tracking", CRM_F_TRACKING_NO }, { "trackingnumber", CRM_F_TRACKING_NO },
	{ "waybill", CRM_F_TRACKING_NO }, { "快递单号", CRM_F_TRACKING_NO },
	{ "运单号", CRM_F_TRACKING_NO }, { "物流单号", CRM_F_TRACKING_NO },
	{ "courier", CRM_F_CARRIER }, { "物流公司", CRM_F_CARRIER },
	{ "快递公司", CRM_F_CARRIER }, { "承运商", CRM_F_CARRIER },
	{ "shipped", CRM_F_SHIPPED_AT }, { "shipdate", CRM_F_SHIPPED_AT },
	{ "发货时间", CRM_F_SHIPPED_AT }, { "发货日期", CRM_F_SHIPPED_AT },
	{ "寄出时间", CRM_F_SHIPPED_AT },
	{ "contents", CRM_F_ITEMS }, { "物品", CRM_F_ITEMS },
	{ "寄件内容", CRM_F_ITEMS }, { "货品明细", CRM_F_ITEMS },
	{ "明细", CRM_F_ITEMS },
};

const char *
crm_field_name(enum crm_field f)
{
	return f >= 0 && f < CRM_F_COUNT ? names[f] : "";
}

/* Normalise a header name into buf: ASCII letters lower-cased, full-width
 * ASCII (U+FF01..U+FF5E) folded to ASCII, and spaces (including U+3000),
 * '_', '-', '.' and '/' dropped.  Returns -1 when it does not fit. */
static int
normalise(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p) {
		unsigned c = *p;

		if (c == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) {
			c = 0x21 + (p[2] - 0x81);	/* U+FF01..U+FF3F */
			p += 3;
		} else if (c == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E) {
			c = 0x60 + (p[2] - 0x80);	/* U+FF40..U+FF5E */
			p += 3;
		} else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;				/* U+3000 ideographic space */
			continue;
		} else {
			p++;
		}
		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.' ||
		    c == '/')
			continue;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (o + 1 >= len)
			return -1;
		buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return 0;
}

enum crm_field
crm_field_lookup(const char *header)
{
	char key[256], canon[64];
	size_t i;

	if (normalise(header, key, sizeof key) == -1 || key[0] == '\0')
		return CRM_F_NONE;
	for (i = 0; i < CRM_F_COUNT; i++) {
		if (normalise(names[i], canon, sizeof canon) == 0 &&
		    strcmp(key, canon) == 0)
			return (enum crm_field)i;
	}
	for (i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++) {
		if (strcmp(key, synonyms[i].syn) == 0)
			return synonyms[i].f;
	}
	return CRM_F_NONE;
}
