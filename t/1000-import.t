#!/bin/sh
test_description='crm-import: real exports in, canonical records out, nothing lost'
. "${0%/*}/lib.sh"

D=$DATA/import
# customers-gb18030.csv is GB18030 with Chinese headers and CRLF; by hand:
#  line 2 00123: 2026/1/5, contract 46027 = 2026-01-05 (1899-12-30 + 46027)
#  line 3 00124: 2026年1月5日 9:30 -> 2026-01-05T09:30:00+08:00
#  line 4 00125: quoted comma in the name; #N/A -> empty; 20260105
#  line 5 00123 again, updated 2026-02-01T10:00 > 2026-01-05: it wins whole
#  line 6 00126: 2026-02-30 does not exist -> rejected
#  line 7 1.38E+10: an ID Excel mangled -> rejected
#  line 8 00127: full-width spaces trimmed, region "—" -> empty,
#         45292.75 = 2024-01-01 18:00 (1899-12-30 + 45292, 0.75 day)
test_expect_success 'a GB18030 export with Chinese headers' '
	test_expect_code 2 crm-import --as-of 2026-11-27 "$D/customers-gb18030.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	customer_id,name,region,rep_id,tier,status,created_at,updated_at,contract_end,next_action,next_action_due,blocker,blocker_until
	00123,上海一号店,华东,R01,,已报价,,2026-02-01T10:00:00+08:00,,,,,
	00124,南京同济诊所,华东,R02,,待试用,,2026-01-05T09:30:00+08:00,2026-03-01,,,采购负责人休假至2月15日,
	00125,"苏州园区药房, 二店",华东,R01,,竞品对比中,,2026-01-05,,,,,
	00127,宁波店,,R03,,,,2024-01-01T18:00:00+08:00,,,,,
	EOF
	test_cmp expect actual &&
	grep "customers-gb18030.csv: customers (detected from the columns), GB18030 (detected)" err &&
	grep "customers-gb18030.csv:6: field .updated_at.: not a date or time .2026-02-30.$" err &&
	grep "customers-gb18030.csv:7: field .customer_id.: .1.38E+10. looks like a number Excel turned into scientific notation" err &&
	grep "customers-gb18030.csv: 7 read = 4 written + 1 merged + 2 rejected$" err
'

test_expect_success 'the rejects file has the original rows, file, line, field and reason' '
	test_expect_code 2 crm-import --rejects rej.csv "$D/customers-gb18030.csv" >/dev/null 2>&1 &&
	cat >expect <<-EOF &&
	file,line,field,reason,record
	$D/customers-gb18030.csv,6,updated_at,field '"'"'updated_at'"'"': not a date or time '"'"'2026-02-30'"'"',"00126,杭州店,华东,R03,2026-02-30,,,"
	$D/customers-gb18030.csv,7,customer_id,field '"'"'customer_id'"'"': '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text,"1.38E+10,坏编号,华东,R03,2026-01-01,,,"
	EOF
	test_cmp expect rej.csv &&
	! ls rej.csv.* 2>/dev/null
'

test_expect_success 'read = written + merged + rejected, checked independently' '
	crm-import "$D/customers-gb18030.csv" 2>err >out;
	data_lines=$(iconv -f GB18030 -t UTF-8 "$D/customers-gb18030.csv" | tail -n +2 | grep -c .) &&
	test "$data_lines" = 7 &&
	out_rows=$(tail -n +2 out | wc -l) &&
	test "$out_rows" = 4 &&
	grep "7 read = 4 written + 1 merged + 2 rejected" err
'

test_expect_success 'a UTF-16 tab-separated export with a quoted newline' '
	crm-import "$D/activities-utf16.txt" >actual 2>err &&
	{ echo "activity_id,customer_id,rep_id,ts,type,ref,evidence,competitor,note,recorded_at" &&
	  printf "A1,00123,R01,2026-01-05T10:00:00+08:00,发送定制方案,,,,\"多行\r\n备注\",\n" &&
	  echo "A2,00124,R02,2026-01-06T17:00:00+08:00,visit,,,,,"; } >expect &&
	test_cmp expect actual &&
	grep "activities-utf16.txt: 2 read = 2 written + 0 merged + 0 rejected" err
'

# ledger-bom.csv (UTF-8 with BOM): amounts in fen, worked out by hand:
#  "¥1,234.50" = 123450; 1.2万 = 12000.00; (20.00) = -20.00; −20 (U+2212)
#  and －２０ (full-width) = -20.00; 1.23E+05 rejected; kind 'bonus' rejected.
test_expect_success 'a ledger with every amount and date form' '
	test_expect_code 2 crm-import "$D/ledger-bom.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	customer_id,date,kind,amount,sub_kind,note
	00123,2026-01-05,acquisition,1234.50,,展会
	00123,2026-01-31,margin,12000.00,,
	00124,2026-02-01,failure,-20.00,duplicate_quote,
	00124,2026-02-02,service,-20.00,,
	00124,2026-02-03,service,-20.00,,
	EOF
	test_cmp expect actual &&
	grep "ledger-bom.csv:7: field .amount.: not an amount .1.23E+05." err &&
	grep "ledger-bom.csv:8: field .kind.: unknown value .bonus.$" err
'

test_expect_success 'JSON Lines output, amounts as numbers' '
	crm-import -j --kind ledger "$D/ledger-bom.csv" 2>/dev/null | head -1 >actual;
	echo "{\"customer_id\":\"00123\",\"date\":\"2026-01-05\",\"kind\":\"acquisition\",\"amount\":1234.50,\"sub_kind\":\"\",\"note\":\"展会\"}" >expect &&
	test_cmp expect actual
'

test_expect_success '--strict stops at the first reject and writes nothing' '
	test_expect_code 2 crm-import --strict "$D/ledger-bom.csv" >out 2>err &&
	test_must_be_empty out &&
	grep "ledger-bom.csv:7:" err && ! grep "ledger-bom.csv:8:" err
'

test_expect_success 'Excel 1904 dates by option' '
	printf "customer_id,updated_at\nC1,44000\n" >x.csv &&
	crm-import --excel-1904 x.csv >out 2>/dev/null &&
	grep "^C1,,,,,,,2024-06-19," out
'

test_expect_success 'Excel serials up to 60 (the phantom 1900-02-29) are rejected' '
	printf "customer_id,updated_at\nC1,60\nC2,61\n" >x.csv &&
	test_expect_code 2 crm-import x.csv >out 2>err &&
	grep "x.csv:2: field .updated_at.: not a date or time .60." err &&
	grep "^C2,,,,,,,1900-03-01," out
'

test_expect_success 'the kind cannot be told: a clear error' '
	printf "foo,bar\n1,2\n" >x.csv &&
	test_expect_code 2 crm-import x.csv 2>err &&
	grep "x.csv:1: cannot tell what records these columns hold; give --kind" err
'

test_expect_success 'a missing required column is named' '
	printf "activity_id,customer_id,type\nA1,C1,visit\n" >x.csv &&
	test_expect_code 2 crm-import --kind activities x.csv 2>err &&
	grep "x.csv:1: missing column .ts." err
'

test_expect_success 'files of different kinds cannot share stdout' '
	test_expect_code 2 crm-import "$D/ledger-bom.csv" "$D/activities-utf16.txt" >/dev/null 2>err &&
	grep "holds activities, but the files before it hold ledger" err
'

test_expect_success 'a profile renames, drops and fills in defaults' '
	cat >p.json <<-\EOF &&
	{"kind": "customers", "rename": {"编号": "customer_id", "添加人": "rep_id"},
	 "drop": ["标签"], "defaults": {"region": "华东"}}
	EOF
	printf "编号,添加人,标签,客户名称\nW1,R9,VIP,甲\n" >w.csv &&
	crm-import --map p.json w.csv >out 2>/dev/null &&
	grep "^W1,甲,华东,R9," out
'

test_expect_success 'the shipped WeCom profile is found by name' '
	printf "客户名称,添加人,外部联系人ID,添加时间,标签\n甲,张三,wm01,2026-01-05 10:00,VIP\n" >wecom.csv &&
	crm-import --map wecom --as-of 2026-11-27 wecom.csv >out 2>err &&
	grep "^wm01,甲,,张三,,,2026-01-05T10:00:00+08:00," out
'

test_expect_success 'a bad profile names the key' '
	echo "{\"rename\": {\"x\": \"nonsense\"}}" >bad.json &&
	test_expect_code 2 crm-import --map bad.json "$D/ledger-bom.csv" 2>err &&
	grep "bad.json: rename .x.: not a field name" err
'

test_done
