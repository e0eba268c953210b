"""Traditional characters for a whole document (決算, 萬元, 財政撥款), as third-party mirrors print it.

opencc (s2t) where it is installed; otherwise the character table below, which covers every
character the generator prints (and the common ones around them). ``to_simplified`` undoes the
table, so a comparison can accept a name read in either script."""

from __future__ import annotations

from functools import lru_cache

# simplified -> traditional, one character each (context-free choices that fit these reports:
# 结余 結餘, 征地 徵地, 采购 採購, 规范 規範, 若干 keeps 干, 只 and 台 kept out of the table)
_PAIRS = """
万萬 与與 专專 业業 丛叢 东東 丝絲 两兩 严嚴 丧喪 个個 丰豐 临臨 为為 丽麗 举舉 么麼 义義 乌烏 乐樂 乔喬 习習 乡鄉
书書 买買 乱亂 争爭 于於 亏虧 云雲 亚亞 产產 亩畝 亲親 亿億 仅僅 从從 仑崙 仓倉 仪儀 们們 价價 众眾 优優 会會 伞傘
伟偉 传傳 伤傷 伦倫 伪偽 体體 余餘 佣傭 侠俠 侣侶 侥僥 侦偵 侧側 侨僑 侩儈 侬儂 俭儉 债債 倾傾 偿償 储儲 儿兒 党黨
兰蘭 关關 兴興 兹茲 养養 兽獸 内內 冈岡 册冊 写寫 军軍 农農 冯馮 冲衝 决決 况況 冻凍 净淨 准準 凉涼 减減 凑湊 凤鳳
凭憑 凯凱 击擊 凿鑿 刘劉 则則 刚剛 创創 删刪 别別 刹剎 剂劑 剑劍 剧劇 劝勸 办辦 务務 动動 励勵 劲勁 劳勞 势勢 勋勳
匀勻 区區 医醫 华華 协協 单單 卖賣 卢盧 卫衛 却卻 厂廠 厅廳 历歷 压壓 厌厭 县縣 参參 双雙 发發 变變 叙敘 叠疊 叶葉
号號 叹嘆 吓嚇 吕呂 吗嗎 启啟 吴吳 员員 听聽 呜嗚 响響 哑啞 哗嘩 唤喚 啬嗇 园園 围圍 图圖 圆圓 圣聖 场場 坏壞 块塊
坚堅 坛壇 坝壩 坞塢 坟墳 坠墜 垦墾 垫墊 埘塒 堕墮 处處 备備 复復 够夠 头頭 夹夾 夺奪 奋奮 奖獎 妆妝 妇婦 妈媽 娱娛
婴嬰 孙孫 学學 宁寧 宝寶 实實 宠寵 审審 宪憲 宫宮 宽寬 宾賓 对對 寻尋 导導 寿壽 将將 尔爾 尘塵 尝嘗 层層 属屬 岁歲
岂豈 岗崗 岛島 岭嶺 岳嶽 峡峽 币幣 帅帥 师師 帐帳 带帶 帮幫 广廣 庄莊 庆慶 库庫 应應 庙廟 废廢 开開 异異 弃棄 张張
弹彈 强強 归歸 录錄 彻徹 征徵 径徑 忆憶 忧憂 怀懷 态態 怜憐 总總 恋戀 恳懇 恶惡 悬懸 惊驚 惧懼 惩懲 惯慣 愤憤 愿願
戏戲 战戰 户戶 扑撲 执執 扩擴 扫掃 扬揚 扰擾 抚撫 抢搶 护護 报報 担擔 拟擬 拢攏 拥擁 拦攔 拨撥 择擇 挂掛 挡擋 挤擠
挥揮 损損 换換 据據 掷擲 掳擄 搁擱 携攜 摄攝 摆擺 摇搖 敌敵 数數 斋齋 断斷 无無 旧舊 时時 旷曠 昼晝 显顯 晋晉 晒曬
晓曉 暂暫 术術 机機 杀殺 杂雜 权權 条條 来來 杨楊 杰傑 极極 构構 枪槍 柜櫃 标標 栈棧 栋棟 栏欄 树樹 样樣 档檔 桥橋
检檢 楼樓 横橫 欢歡 欧歐 残殘 毁毀 毕畢 气氣 汇匯 汉漢 汤湯 沟溝 没沒 沪滬 泪淚 泽澤 洁潔 浅淺 浇澆 测測 济濟 浏瀏
浑渾 浓濃 浔潯 涛濤 润潤 涨漲 渐漸 渔漁 温溫 湾灣 满滿 滚滾 滞滯 滤濾 滥濫 灭滅 灯燈 灵靈 灾災 炉爐 点點 炼煉 烟煙
热熱 爱愛 爷爺 牵牽 状狀 犹猶 狭狹 独獨 猎獵 献獻 环環 现現 电電 画畫 畅暢 疗療 疯瘋 盐鹽 监監 盖蓋 盘盤 着著 矿礦
码碼 础礎 确確 碍礙 礼禮 祸禍 离離 种種 积積 称稱 税稅 稳穩 穷窮 竞競 笔筆 笼籠 筑築 签簽 简簡 类類 粮糧 紧緊 纠糾
红紅 纤纖 约約 级級 纪紀 纬緯 纯純 纲綱 纳納 纵縱 纷紛 纸紙 纺紡 线線 练練 组組 细細 织織 终終 绍紹 经經 绑綁 结結
绕繞 绘繪 给給 络絡 统統 继繼 绩績 绪緒 续續 维維 绵綿 综綜 绿綠 缆纜 缓緩 编編 缘緣 缩縮 缮繕 缴繳 网網 罗羅 罚罰
罢罷 职職 联聯 聪聰 肃肅 肠腸 肤膚 胁脅 胜勝 胶膠 脑腦 脚腳 脱脫 脸臉 舰艦 艺藝 节節 范範 荐薦 荣榮 药藥 获獲 营營
蓝藍 虑慮 虽雖 补補 衬襯 袭襲 装裝 见見 观觀 规規 视視 览覽 觉覺 计計 订訂 认認 让讓 训訓 议議 讯訊 记記 讲講 许許
论論 设設 访訪 证證 评評 识識 诉訴 诊診 词詞 译譯 试試 诗詩 询詢 该該 详詳 语語 误誤 说說 请請 诸諸 读讀 课課 调調
谈談 谋謀 谓謂 谢謝 谨謹 贝貝 负負 贡貢 财財 责責 败敗 货貨 质質 贩販 购購 贯貫 贴貼 贵貴 贷貸 费費 贺賀 资資 赋賦
赁賃 赔賠 赖賴 赚賺 赛賽 赞贊 赠贈 赵趙 趋趨 跃躍 践踐 车車 轨軌 转轉 轮輪 软軟 轻輕 载載 较較 辅輔 辆輛 辈輩 输輸
辞辭 边邊 辽遼 达達 迁遷 过過 迈邁 运運 还還 这這 进進 远遠 违違 连連 迟遲 适適 选選 递遞 逻邏 遗遺 邮郵 邻鄰 郑鄭
采採 释釋 鉴鑒 针針 钢鋼 钱錢 铁鐵 银銀 销銷 锁鎖 锋鋒 错錯 键鍵 镇鎮 长長 门門 闭閉 问問 闲閒 间間 闻聞 阅閱 阆閬
队隊 阳陽 阴陰 阵陣 阶階 际際 陆陸 陈陳 险險 随隨 隐隱 难難 雾霧 静靜 须須 顾顧 项項 顺順 预預 领領 频頻 题題 颜顏
额額 风風 飞飛 饭飯 饮飲 馆館 驱驅 验驗 鱼魚 鸡雞 黄黃 龙龍 丢丟 亘亙 帜幟 汹洶 陕陝 鲁魯 湿濕 刍芻 邓鄧 苏蘇 闽閩
赣贛 黑黑
"""
S2T: dict[str, str] = {p[0]: p[1] for p in _PAIRS.split() if p[0] != p[1]}
T2S: dict[str, str] = {t: s for s, t in S2T.items()}


@lru_cache(maxsize=2)
def _opencc(config: str):
    try:
        import opencc  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return opencc.OpenCC(config)
    except Exception:  # noqa: BLE001 - a broken install: fall back on the table
        return None


@lru_cache(maxsize=100_000)
def to_traditional(text: str) -> str:
    cc = _opencc("s2t")
    if cc is not None:
        return cc.convert(text)
    return "".join(S2T.get(c, c) for c in text)


@lru_cache(maxsize=100_000)
def to_simplified(text: str) -> str:
    cc = _opencc("t2s")
    text = cc.convert(text) if cc is not None else text
    return "".join(T2S.get(c, c) for c in text)
