import express, { Request, Response } from "express";
import mongoose from "mongoose";
import { MongoClient, ObjectId } from "mongodb";

const app = express();
app.use(express.json());

interface IUser {
  username: string;
  password: string;
  role: string;
}
const User = mongoose.model<IUser>("User", new mongoose.Schema<IUser>({ username: String, password: String, role: String }));
const client = new MongoClient(process.env.MONGO_URL as string);
const orders = client.db("shop").collection("orders");

app.post("/login", async (req: Request, res: Response) => {
  // ruleid: javascript.express.nosql-injection
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  res.json({ ok: Boolean(user) });
});

app.get("/orders", async (req: Request, res: Response) => {
  // ruleid: javascript.express.nosql-injection
  const list = await orders.find({ customer: req.query.customer }).toArray();
  res.json(list);
});

app.post("/search", async (req: Request, res: Response) => {
  // ruleid: javascript.express.nosql-injection
  const hits = await orders.find(req.body.filter).limit(50).toArray();
  res.json(hits);
});

app.delete("/orders", async (req: Request, res: Response) => {
  const filter = { status: req.query.status };
  // ruleid: javascript.express.nosql-injection
  await orders.deleteMany(filter);
  res.sendStatus(204);
});

app.get("/reset", async (req: Request, res: Response) => {
  // ruleid: javascript.express.nosql-injection
  const user = await User.findOneAndUpdate({ resetToken: req.query.token }, { $unset: { resetToken: 1 } });
  res.json({ ok: Boolean(user) });
});

app.get("/big-orders", async (req: Request, res: Response) => {
  const stats = await orders
    // ruleid: javascript.express.nosql-injection
    .aggregate([{ $match: { $where: "this.total > " + req.query.min } }])
    .toArray();
  res.json(stats);
});

// ---- safe ----

app.post("/safe/login", async (req: Request, res: Response) => {
  // ok: javascript.express.nosql-injection
  const user = await User.findOne({ username: String(req.body.username) });
  res.json({ ok: Boolean(user) });
});

app.get("/safe/orders", async (req: Request, res: Response) => {
  // ok: javascript.express.nosql-injection
  const list = await orders.find({ customer: { $eq: req.query.customer } }).toArray();
  res.json(list);
});

app.get("/safe/orders/:id", async (req: Request, res: Response) => {
  // ok: javascript.express.nosql-injection
  const order = await orders.findOne({ _id: new ObjectId(req.params.id) });
  res.json(order);
});

app.get("/safe/users", async (req: Request, res: Response) => {
  const all = await User.find({ role: "customer" });
  // ok: javascript.express.nosql-injection
  const match = all.find((u) => u.username === req.query.name);
  res.json(match);
});

app.get("/safe/orders/by-number/:number", async (req: Request, res: Response) => {
  // ok: javascript.express.nosql-injection
  const order = await orders.findOne({ number: req.params.number });
  res.json(order);
});

app.get("/safe/page", async (req: Request, res: Response) => {
  // ok: javascript.express.nosql-injection
  const page = await User.find({ role: "customer" }).skip(Number(req.query.offset)).limit(20);
  res.json(page);
});
